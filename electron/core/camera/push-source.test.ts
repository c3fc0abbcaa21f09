import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../logger.js';
import { splitJpegs } from './jpeg-splitter.js';
import { PushSource } from './push-source.js';
import { recordingEvents, waitFor } from './recording-events.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const videoPath = path.resolve(repoRoot, '../shared/data/video/walk_toward_camera_640x480_30fps.mjpeg');
const frame = splitJpegs(readFileSync(videoPath))[0] as Buffer;

const sources: PushSource[] = [];
afterEach(async () => {
  await Promise.all(sources.splice(0).map((s) => s.stop()));
});

function source(device = 'Logitech'): PushSource {
  const created = new PushSource({ id: `usb:${device}`, device, stallTimeoutMs: 200, logger: memoryLogger() });
  sources.push(created);
  return created;
}

describe('PushSource', () => {
  it('passes pushed frames on and reports running', () => {
    const usb = source();
    const events = recordingEvents();
    usb.start(events);
    usb.push(frame);
    usb.push(frame);
    expect(events.frames).toHaveLength(2);
    expect(events.states).toEqual([
      { state: 'starting', error: null },
      { state: 'running', error: null },
    ]);
  });

  it('reports stalled when no frame comes for the stall timeout, and running when frames return', async () => {
    const usb = source();
    const events = recordingEvents();
    usb.start(events);
    usb.push(frame);
    await waitFor('a stall', () => events.last?.state === 'stalled', 2000);
    expect(events.last?.error).toBe(
      'The USB camera "Logitech" sent no picture for 0.2 s. Check that it is plugged in and not used by another program.',
    );
    usb.push(frame);
    expect(events.last).toEqual({ state: 'running', error: null });
    expect(usb.reconnects).toBe(1);
  });

  it('reports stalled when the capture window never sends a frame', async () => {
    const usb = source('');
    const events = recordingEvents();
    usb.start(events);
    await waitFor('a stall', () => events.last?.state === 'stalled', 2000);
    expect(events.last?.error).toContain('The USB camera sent no picture in 0.2 s since starting.');
  });

  it('reports an error from the capture window as it was said', () => {
    const usb = source();
    const events = recordingEvents();
    usb.start(events);
    usb.reportError('The camera is used by another program.');
    expect(events.last).toEqual({ state: 'error', error: 'The camera is used by another program.' });
  });

  it('ignores a buffer that is not a JPEG', () => {
    const usb = source();
    const events = recordingEvents();
    usb.start(events);
    usb.push(Buffer.from('<html>'));
    expect(events.frames).toHaveLength(0);
    expect(usb.framesRejected).toBe(1);
  });

  it('ignores frames pushed after stop', async () => {
    const usb = source();
    const events = recordingEvents();
    usb.start(events);
    await usb.stop();
    usb.push(frame);
    expect(events.frames).toHaveLength(0);
    expect(events.last).toEqual({ state: 'stopped', error: null });
  });
});
