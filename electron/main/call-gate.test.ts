import { describe, expect, it } from 'vitest';
import { authorizeCall, type CallSender } from './call-gate.js';

const staffMain: CallSender = { role: 'staff', frameOrigin: 'app://kiosk', isMainFrame: true };

describe('call gate', () => {
  it('lets a window call a command its role may call', () => {
    expect(authorizeCall(staffMain, 'orders.listOpen')).toEqual({
      ok: true,
      value: { role: 'staff', command: 'orders.listOpen' },
    });
  });

  it('refuses the staff window an admin command with code forbidden', () => {
    const result = authorizeCall(staffMain, 'customers.erase');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(!result.ok && result.error.message).toContain('customers.erase');
  });

  it('refuses a window the shell did not create', () => {
    expect(authorizeCall({ ...staffMain, role: null }, 'app.info')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('refuses a frame whose origin is not exactly app://kiosk', () => {
    for (const frameOrigin of ['app://kiosk.evil', 'https://example.com', 'null', null]) {
      expect(authorizeCall({ ...staffMain, frameOrigin }, 'app.info')).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
  });

  it('refuses a call from a sub-frame even on the app origin', () => {
    expect(authorizeCall({ ...staffMain, isMainFrame: false }, 'app.info')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('answers unknown_command for a name that is not a command, whatever its type', () => {
    expect(authorizeCall(staffMain, 'orders.delete')).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    expect(authorizeCall(staffMain, 42)).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    expect(authorizeCall(staffMain, 'toString')).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
  });
});
