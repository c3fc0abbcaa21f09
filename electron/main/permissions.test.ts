import { describe, expect, it } from 'vitest';
import { mayGrantPermission, type PermissionAsk } from './permissions.js';

const captureCamera: PermissionAsk = {
  role: 'capture',
  permission: 'media',
  origin: 'app://kiosk',
  mediaTypes: ['video'],
};

describe('permissions', () => {
  it('grants the camera to the capture and admin windows on the app origin', () => {
    expect(mayGrantPermission(captureCamera)).toBe(true);
    expect(mayGrantPermission({ ...captureCamera, role: 'admin' })).toBe(true);
  });

  it('denies the camera to the customer and staff windows and to unknown webContents', () => {
    expect(mayGrantPermission({ ...captureCamera, role: 'customer' })).toBe(false);
    expect(mayGrantPermission({ ...captureCamera, role: 'staff' })).toBe(false);
    expect(mayGrantPermission({ ...captureCamera, role: null })).toBe(false);
  });

  it('denies the camera to any origin but exactly app://kiosk', () => {
    for (const origin of ['app://kiosk.evil', 'app://kiosk:1', 'https://kiosk', null]) {
      expect(mayGrantPermission({ ...captureCamera, origin })).toBe(false);
    }
  });

  it('denies the microphone, and a media request that does not say what it wants', () => {
    expect(mayGrantPermission({ ...captureCamera, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(mayGrantPermission({ ...captureCamera, mediaTypes: ['audio'] })).toBe(false);
    expect(mayGrantPermission({ ...captureCamera, mediaTypes: ['unknown'] })).toBe(false);
    expect(mayGrantPermission({ ...captureCamera, mediaTypes: [] })).toBe(false);
  });

  it('denies every other permission, even to the capture window', () => {
    for (const permission of [
      'notifications',
      'geolocation',
      'clipboard-read',
      'display-capture',
      'openExternal',
      'fullscreen',
    ]) {
      expect(mayGrantPermission({ ...captureCamera, permission })).toBe(false);
    }
  });
});
