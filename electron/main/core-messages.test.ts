import { describe, expect, it } from 'vitest';
import { parseCoreMessage } from './core-messages.js';

describe('messages from the core process', () => {
  it('accepts each message of the host protocol', () => {
    expect(parseCoreMessage({ type: 'ready', storeName: 'Corner Shop' })).toEqual({
      type: 'ready',
      storeName: 'Corner Shop',
    });
    expect(parseCoreMessage({ type: 'failed', message: 'No camera.' })).toEqual({
      type: 'failed',
      message: 'No camera.',
    });
    expect(parseCoreMessage({ type: 'result', id: 7, result: { ok: true, value: [1] } })).toEqual({
      type: 'result',
      id: 7,
      result: { ok: true, value: [1] },
    });
    expect(parseCoreMessage({ type: 'event', event: 'orders.changed', payload: [] })).toEqual({
      type: 'event',
      event: 'orders.changed',
      payload: [],
    });
  });

  it('keeps an error result only when its code is one of the contract’s codes', () => {
    const refused = { type: 'result', id: 1, result: { ok: false, error: { code: 'forbidden', message: 'No.' } } };
    expect(parseCoreMessage(refused)).toEqual(refused);
    expect(
      parseCoreMessage({ type: 'result', id: 1, result: { ok: false, error: { code: 'oops', message: 'No.' } } }),
    ).toBeNull();
  });

  it('drops anything that does not fit the protocol', () => {
    for (const message of [
      null,
      'ready',
      [],
      { type: 'ready' },
      { type: 'result', id: 1.5, result: { ok: true, value: 1 } },
      { type: 'result', id: '1', result: { ok: true, value: 1 } },
      { type: 'event', event: 'not.an.event', payload: {} },
      { type: 'shutdown' },
    ]) {
      expect(parseCoreMessage(message)).toBeNull();
    }
  });
});
