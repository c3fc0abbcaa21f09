import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isAppOrigin, isSamePageNavigation, originOf, windowUrl } from './app-origin.js';

describe('app origin', () => {
  it('serialises the app origin as app://kiosk', () => {
    expect(APP_ORIGIN).toBe('app://kiosk');
    expect(originOf('app://kiosk/staff/main.js')).toBe('app://kiosk');
    expect(originOf('app://kiosk/')).toBe('app://kiosk');
  });

  it('accepts only the exact origin, never a look-alike that starts the same', () => {
    expect(isAppOrigin('app://kiosk')).toBe(true);
    for (const origin of [
      'app://kiosk.evil',
      'app://kiosk:8080',
      'app://kiosk/',
      'app://Kiosk2',
      'https://kiosk',
      'null',
      '',
      null,
      undefined,
    ]) {
      expect(isAppOrigin(origin)).toBe(false);
    }
  });

  it('finds a different origin for hosts that merely start with kiosk', () => {
    expect(originOf('app://kiosk.evil/x')).toBe('app://kiosk.evil');
    expect(originOf('app://evil@kiosk/x')).toBe('app://kiosk');
    expect(originOf('not a url')).toBeNull();
    expect(originOf('data:text/html,hi')).toBeNull();
  });

  it('loads each window from its role path on the app origin', () => {
    expect(windowUrl('staff')).toBe('app://kiosk/staff');
    expect(windowUrl('capture')).toBe('app://kiosk/capture');
  });

  it('allows a navigation that only changes the fragment and refuses one to another page or origin', () => {
    expect(isSamePageNavigation('app://kiosk/admin', 'app://kiosk/admin#customers')).toBe(true);
    expect(isSamePageNavigation('app://kiosk/admin', 'app://kiosk/staff')).toBe(false);
    expect(isSamePageNavigation('app://kiosk/admin', 'app://kiosk/admin?x=1')).toBe(false);
    expect(isSamePageNavigation('app://kiosk/admin', 'https://example.com/admin')).toBe(false);
    expect(isSamePageNavigation('app://kiosk/admin', 'file:///etc/passwd')).toBe(false);
  });
});
