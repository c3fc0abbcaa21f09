import { describe, expect, it } from 'vitest';
import { validateEvent } from './validate-event.js';

describe('validateEvent', () => {
  it('passes a well-formed display change to the customer window', () => {
    const check = validateEvent('customer', 'display.changed', { kind: 'idle', offers: [] });
    expect(check).toEqual({ ok: true, event: 'display.changed', payload: { kind: 'idle', offers: [] } });
  });

  it('drops a payload that does not match the schema', () => {
    const check = validateEvent('customer', 'display.changed', { kind: 'greeting', firstName: 'Anna' });
    expect(check.ok).toBe(false);
  });

  it('drops an event the role does not receive', () => {
    const check = validateEvent('customer', 'alerts.changed', []);
    expect(check).toEqual({ ok: false, reason: 'the customer window does not receive "alerts.changed"' });
  });

  it('drops an event name the contract does not know', () => {
    expect(validateEvent('staff', 'orders.deleted', {}).ok).toBe(false);
  });
});
