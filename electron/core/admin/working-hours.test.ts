import { describe, expect, it } from 'vitest';
import type { WorkingHours } from '../../contract/admin-dto.js';
import { fixedClock } from '../clock.js';
import { memoryLogger } from '../logger.js';
import type { FrameOutcome } from '../recognition/recognition-pipeline.js';
import type { RgbFrame } from '../vision/types.js';
import { analyseWithinWorkingHours } from './working-hours-analyser.js';
import { alwaysOpen, describeWorkingHours, isWithinWorkingHours } from './working-hours.js';

const weekdays = { open: '08:00', close: '20:00' };
const BERLIN: WorkingHours = {
  timeZone: 'Europe/Berlin',
  days: {
    mon: weekdays,
    tue: weekdays,
    wed: weekdays,
    thu: weekdays,
    fri: weekdays,
    sat: { open: '09:00', close: '14:00' },
    sun: null,
  },
};

describe('isWithinWorkingHours', () => {
  it('follows the local weekday and time, opening minute included and closing minute excluded', () => {
    // Friday 20 November 2026; Berlin is UTC+1 in winter.
    expect(isWithinWorkingHours(BERLIN, Date.parse('2026-11-20T06:59:00Z'))).toBe(false);
    expect(isWithinWorkingHours(BERLIN, Date.parse('2026-11-20T07:00:00Z'))).toBe(true);
    expect(isWithinWorkingHours(BERLIN, Date.parse('2026-11-20T18:59:00Z'))).toBe(true);
    expect(isWithinWorkingHours(BERLIN, Date.parse('2026-11-20T19:00:00Z'))).toBe(false);
  });

  it('keeps a closed day closed all day', () => {
    expect(isWithinWorkingHours(BERLIN, Date.parse('2026-11-22T11:00:00Z'))).toBe(false);
  });

  it('uses summer time when it applies', () => {
    // Monday 6 July 2026, Berlin is UTC+2: 06:30 UTC is 08:30 local.
    expect(isWithinWorkingHours(BERLIN, Date.parse('2026-07-06T06:30:00Z'))).toBe(true);
    expect(isWithinWorkingHours(BERLIN, Date.parse('2026-07-06T05:30:00Z'))).toBe(false);
  });

  it('treats the default as open around the clock', () => {
    const open = alwaysOpen('UTC');
    for (const hour of ['00:00', '03:17', '23:59']) {
      expect(isWithinWorkingHours(open, Date.parse(`2026-11-22T${hour}:00Z`))).toBe(true);
    }
  });

  it('describes the week in a short sentence', () => {
    expect(describeWorkingHours(BERLIN)).toBe('Mon–Fri 08:00–20:00; Sat 09:00–14:00; Sun closed');
    expect(describeWorkingHours(alwaysOpen('UTC'))).toBe('every day, all day');
  });
});

describe('analyseWithinWorkingHours', () => {
  it('analyses nothing outside the hours and counts the frames it skipped', async () => {
    const clock = fixedClock('2026-11-20T05:00:00Z');
    const analysed: string[] = [];
    const inner = {
      analyse: (cameraId: string): Promise<FrameOutcome> => {
        analysed.push(cameraId);
        return Promise.resolve({ faces: [] });
      },
    };
    const gated = analyseWithinWorkingHours(inner, (now) => isWithinWorkingHours(BERLIN, now), clock, memoryLogger());
    const frame: RgbFrame = { width: 1, height: 1, data: new Uint8Array(3) };
    await gated.analyse('door', frame);
    await gated.analyse('door', frame);
    expect(analysed).toEqual([]);
    expect(gated.skipped('door')).toBe(2);
    clock.set(Date.parse('2026-11-20T09:00:00Z'));
    await gated.analyse('door', frame);
    expect(analysed).toEqual(['door']);
    expect(gated.skipped('door')).toBe(2);
  });
});
