import { describe, expect, it } from 'vitest';
import { chooseDevice, describeCameraError } from './choose-device.js';

const devices = [
  { deviceId: 'mic-1', label: 'Logitech BRIO microphone', kind: 'audioinput' },
  { deviceId: 'a1b2', label: 'Integrated Webcam (0c45:6a08)', kind: 'videoinput' },
  { deviceId: 'c3d4', label: 'Logitech BRIO (046d:085e)', kind: 'videoinput' },
];

describe('chooseDevice', () => {
  it('uses the default camera when no device is configured', () => {
    expect(chooseDevice(devices, '')).toEqual({ kind: 'default' });
  });

  it('prefers an exact device id', () => {
    expect(chooseDevice(devices, 'a1b2')).toEqual({
      kind: 'device',
      deviceId: 'a1b2',
      label: 'Integrated Webcam (0c45:6a08)',
    });
  });

  it('falls back to a camera whose label contains the text, ignoring case and microphones', () => {
    expect(chooseDevice(devices, 'brio')).toEqual({
      kind: 'device',
      deviceId: 'c3d4',
      label: 'Logitech BRIO (046d:085e)',
    });
  });

  it('says when nothing matches, for example before permission reveals the labels', () => {
    const hidden = devices.map((d) => ({ ...d, label: '' }));
    expect(chooseDevice(hidden, 'brio')).toEqual({ kind: 'unmatched' });
  });
});

describe('describeCameraError', () => {
  it('explains a denied permission', () => {
    const error = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
    expect(describeCameraError(error, '')).toBe(
      'Permission to use the USB camera was denied. Allow camera access for the capture window.',
    );
  });

  it('names the configured camera when none is found', () => {
    const error = Object.assign(new Error('Requested device not found'), { name: 'NotFoundError' });
    expect(describeCameraError(error, 'brio')).toBe(
      'No camera was found for the USB camera "brio". Check that it is plugged in.',
    );
  });
});
