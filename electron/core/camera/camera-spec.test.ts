import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CameraSpecError,
  parseCameraSpec,
  redactCredentialsIn,
  redactUrl,
  shownSource,
  specSource,
} from './camera-spec.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const videoPath = path.resolve(repoRoot, '../shared/data/video/walk_toward_camera_640x480_30fps.mjpeg');
const CLIP_Y4M = path.resolve(repoRoot, '../shared/data/video/walk_toward_camera_640x360_15fps.y4m');

describe('parseCameraSpec', () => {
  it('reads "usb" as the default USB camera', () => {
    expect(parseCameraSpec('usb')).toEqual({ id: 'usb', kind: 'usb', device: '' });
  });

  it('reads "usb:<label>" as a USB camera chosen by label', () => {
    expect(parseCameraSpec('usb:Logitech C920')).toEqual({
      id: 'usb:Logitech C920',
      kind: 'usb',
      device: 'Logitech C920',
    });
  });

  it('reads an http URL as an MJPEG camera and keeps credentials out of its id', () => {
    const spec = parseCameraSpec('http://admin:s3cret@192.0.2.10:8080/video.mjpg');
    expect(spec.kind).toBe('mjpeg-url');
    expect(spec.url).toBe('http://admin:s3cret@192.0.2.10:8080/video.mjpg');
    expect(spec.id).toBe('http://192.0.2.10:8080/video.mjpg');
  });

  it('reads an https URL as an MJPEG camera', () => {
    expect(parseCameraSpec('https://cam.example/stream').kind).toBe('mjpeg-url');
  });

  it('resolves a .mjpeg path against the given directory', () => {
    const relative = path.relative(repoRoot, videoPath);
    const spec = parseCameraSpec(relative, { cwd: repoRoot });
    expect(spec).toEqual({ id: 'file:walk_toward_camera_640x480_30fps.mjpeg', kind: 'mjpeg-file', path: videoPath });
  });

  it('says there is no camera file when the .mjpeg path does not exist', () => {
    expect(() => parseCameraSpec('missing/clip.mjpeg', { cwd: '/tmp' })).toThrow(
      'No camera file at /tmp/missing/clip.mjpeg',
    );
  });

  it('rejects anything else with a sentence listing the accepted forms', () => {
    for (const arg of ['webcam', 'ftp://cam/stream', 'clip.mp4', '']) {
      let error: unknown;
      try {
        parseCameraSpec(arg);
      } catch (caught) {
        error = caught;
      }
      expect(error, arg).toBeInstanceOf(CameraSpecError);
      const message = (error as Error).message;
      expect(message).toContain('usb:<device label or id>');
      expect(message).toContain('.mjpeg');
      expect(message).toContain('http://');
    }
  });

  it('reads an rtsp URL as an ffmpeg camera and keeps credentials out of its id', () => {
    const spec = parseCameraSpec('rtsp://admin:s3cret@10.0.0.7:554/h264');
    expect(spec).toMatchObject({ kind: 'rtsp', id: 'rtsp://10.0.0.7:554/h264' });
    expect(specSource(spec)).toBe('rtsp://admin:s3cret@10.0.0.7:554/h264');
    expect(shownSource(spec)).toBe('rtsp://10.0.0.7:554/h264');
  });

  it('reads a .y4m path as a looping y4m clip', () => {
    const spec = parseCameraSpec(CLIP_Y4M);
    expect(spec).toMatchObject({ kind: 'y4m-file', path: CLIP_Y4M, id: 'file:walk_toward_camera_640x360_15fps.y4m' });
    expect(specSource(spec)).toBe(CLIP_Y4M);
  });

  it('never repeats credentials in its errors', () => {
    expect(() => parseCameraSpec('ftp://admin:s3cret@cam/stream')).toThrow(/^(?!.*s3cret).*$/s);
    expect(() => parseCameraSpec('http://admin:s3cret@')).toThrow(/^(?!.*s3cret).*$/s);
  });
});

describe('redactUrl', () => {
  it('removes user and password from a URL', () => {
    expect(redactUrl('http://admin:s3cret@127.0.0.1:81/mjpeg')).toBe('http://127.0.0.1:81/mjpeg');
    expect(redactUrl('https://user@cam.local/x?fps=5')).toBe('https://cam.local/x?fps=5');
  });

  it('masks credential-looking query parameters', () => {
    expect(redactUrl('http://cam/videostream.cgi?user=admin&pwd=s3cret&rate=0')).toBe(
      'http://cam/videostream.cgi?user=***&pwd=***&rate=0',
    );
  });

  it('leaves a URL without credentials as it is', () => {
    expect(redactUrl('http://127.0.0.1:8080/stream.mjpeg')).toBe('http://127.0.0.1:8080/stream.mjpeg');
  });

  it('removes credentials from text that is not a single URL', () => {
    expect(redactUrl('not a url http://a:b@host/x')).toBe('not a url http://host/x');
    expect(redactCredentialsIn('connect rtsp://u:p@h failed')).toBe('connect rtsp://h failed');
  });
});
