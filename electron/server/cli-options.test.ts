import { describe, expect, it } from 'vitest';
import { CliError, parseCliOptions } from './cli-options.js';

describe('parseCliOptions', () => {
  it('defaults to the USB camera, port 4870 and the per-user data folder', () => {
    const options = parseCliOptions([], { XDG_CONFIG_HOME: '/home/test/.config' });
    expect(options.camera).toBe('usb');
    expect(options.port).toBe(4870);
    expect(options.open).toBe(true);
    if (process.platform === 'linux') expect(options.dataDir).toBe('/home/test/.config/Smart Store Kiosk');
  });

  it('reads camera, data dir, port and no-open', () => {
    const options = parseCliOptions(['--camera', 'clip.mjpeg', '--data-dir', '/tmp/x', '--port', '0', '--no-open']);
    expect(options).toMatchObject({ camera: 'clip.mjpeg', dataDir: '/tmp/x', port: 0, open: false });
  });

  it('refuses an unknown option with a pointer to --help', () => {
    expect(() => parseCliOptions(['--camra', 'usb'])).toThrow(CliError);
    expect(() => parseCliOptions(['--camra', 'usb'])).toThrow(/--help/);
  });

  it('refuses a port that is not a number', () => {
    expect(() => parseCliOptions(['--port', 'abc'])).toThrow(/--port must be a number/);
  });
});
