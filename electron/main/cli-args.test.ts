import { describe, expect, it } from 'vitest';
import { DEFAULT_CAMERA, parseCliArgs } from './cli-args.js';

const DEFAULT_DIR = '/home/kiosk/.config/Smart Store Kiosk';

describe('command-line options', () => {
  it('uses the USB camera and the user-data folder when nothing is given', () => {
    expect(parseCliArgs([], DEFAULT_DIR)).toEqual({
      ok: true,
      options: { camera: DEFAULT_CAMERA, dataDir: DEFAULT_DIR, help: false },
    });
  });

  it('reads --camera and --data-dir in both spellings', () => {
    expect(parseCliArgs(['--camera', 'clip.mjpeg', '--data-dir=/tmp/k'], DEFAULT_DIR)).toEqual({
      ok: true,
      options: { camera: 'clip.mjpeg', dataDir: '/tmp/k', help: false },
    });
    expect(parseCliArgs(['--camera=usb:Logitech', '--data-dir', '/tmp/k2'], DEFAULT_DIR)).toMatchObject({
      ok: true,
      options: { camera: 'usb:Logitech', dataDir: '/tmp/k2' },
    });
  });

  it('ignores the switches and script path Electron and Playwright add', () => {
    const argv = [
      '--inspect=0',
      '--remote-debugging-port=0',
      '/repo/dist/electron/main.cjs',
      '--no-sandbox',
      '--camera',
      'a.mjpeg',
    ];
    expect(parseCliArgs(argv, DEFAULT_DIR)).toMatchObject({
      ok: true,
      options: { camera: 'a.mjpeg', dataDir: DEFAULT_DIR },
    });
  });

  it('notices --help', () => {
    expect(parseCliArgs(['--help'], DEFAULT_DIR)).toMatchObject({ ok: true, options: { help: true } });
  });

  it('says which option lacks its value', () => {
    const missing = parseCliArgs(['--data-dir'], DEFAULT_DIR);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.message).toMatch(/^--data-dir needs a value/);
    expect(parseCliArgs(['--camera', '--data-dir', '/x'], DEFAULT_DIR)).toMatchObject({ ok: false });
    expect(parseCliArgs(['--camera='], DEFAULT_DIR)).toMatchObject({ ok: false });
  });
});
