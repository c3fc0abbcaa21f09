import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { EventName } from '../contract/access.js';
import { fixedClock } from '../core/clock.js';
import type { MainToCore } from '../core/host-protocol.js';
import { memoryLogger } from '../core/logger.js';
import { createCoreProcess, type CoreChild, type CoreProcessDeps } from './core-process.js';
import { createRestartPolicy } from './restart-policy.js';

/** Stands in for a utilityProcess: records what main sends, and lets the test answer or exit. */
class FakeChild extends EventEmitter implements CoreChild {
  readonly sent: MainToCore[] = [];
  killed = false;
  postMessage(message: MainToCore): void {
    this.sent.push(message);
  }
  onMessage(listener: (message: unknown) => void): void {
    this.on('message', listener);
  }
  onExit(listener: (code: number) => void): void {
    this.on('exit', listener);
  }
  kill(): void {
    this.killed = true;
  }
  reply(message: unknown): void {
    this.emit('message', message);
  }
  exit(code: number): void {
    this.emit('exit', code);
  }
}

function setup(overrides: Partial<CoreProcessDeps> = {}) {
  const children: FakeChild[] = [];
  const events: [EventName, unknown][] = [];
  const failures: string[] = [];
  const gaveUp: string[] = [];
  const core = createCoreProcess({
    fork: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    start: { dataDir: '/tmp/data', camera: 'usb', version: '1.0.0' },
    policy: createRestartPolicy({ maxRestarts: 2, windowMs: 600_000, clock: fixedClock(0) }),
    logger: memoryLogger(),
    onEvent: (event, payload) => events.push([event, payload]),
    onFailed: (message) => failures.push(message),
    onGaveUp: (message) => gaveUp.push(message),
    ...overrides,
  });
  const latest = (): FakeChild => {
    const child = children.at(-1);
    if (child === undefined) throw new Error('no child was forked');
    return child;
  };
  return { core, children, events, failures, gaveUp, latest };
}

describe('core process', () => {
  it('sends start with the options and resolves when the core is ready', async () => {
    const { core, latest } = setup();
    const started = core.start();
    expect(latest().sent[0]).toEqual({
      type: 'start',
      options: { dataDir: '/tmp/data', camera: 'usb', version: '1.0.0' },
    });
    latest().reply({ type: 'ready', storeName: 'Corner Shop' });
    await expect(started).resolves.toEqual({ ok: true, storeName: 'Corner Shop' });
  });

  it('reports a start failure with the core’s own sentence and does not restart', async () => {
    const { core, children, latest } = setup();
    const started = core.start();
    latest().reply({ type: 'failed', message: 'The kiosk core could not start: no such camera.' });
    await expect(started).resolves.toEqual({ ok: false, message: 'The kiosk core could not start: no such camera.' });
    latest().exit(1);
    expect(children).toHaveLength(1);
    expect(latest().killed).toBe(true);
  });

  it('matches results to calls by id, whatever order they come back in', async () => {
    const { core, latest } = setup();
    const started = core.start();
    latest().reply({ type: 'ready', storeName: 'S' });
    await started;
    const first = core.call('staff', 'window-1', 'orders.listOpen', {});
    const second = core.call('admin', 'window-2', 'customers.list', {});
    const calls = latest().sent.filter((m) => m.type === 'call');
    expect(calls).toMatchObject([
      { role: 'staff', connectionId: 'window-1', command: 'orders.listOpen' },
      { role: 'admin', connectionId: 'window-2', command: 'customers.list' },
    ]);
    const [a, b] = calls as Extract<MainToCore, { type: 'call' }>[];
    latest().reply({ type: 'result', id: b?.id, result: { ok: true, value: 'second' } });
    latest().reply({ type: 'result', id: a?.id, result: { ok: true, value: 'first' } });
    await expect(first).resolves.toEqual({ ok: true, value: 'first' });
    await expect(second).resolves.toEqual({ ok: true, value: 'second' });
  });

  it('answers unavailable to a call made before the core is ready', async () => {
    const { core } = setup();
    void core.start();
    await expect(core.call('staff', 'w', 'orders.listOpen', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('forwards core events and drops malformed messages', async () => {
    const { core, latest, events } = setup();
    const started = core.start();
    latest().reply({ type: 'ready', storeName: 'S' });
    await started;
    latest().reply({ type: 'event', event: 'alerts.changed', payload: [] });
    latest().reply({ type: 'event', event: 'made.up', payload: [] });
    latest().reply({ nonsense: true });
    expect(events).toEqual([['alerts.changed', []]]);
  });

  it('restarts a crashed core, ends its pending calls as unavailable, and serves calls again once ready', async () => {
    const { core, children, latest } = setup();
    const started = core.start();
    latest().reply({ type: 'ready', storeName: 'S' });
    await started;
    const inFlight = core.call('staff', 'w', 'orders.listOpen', {});
    latest().exit(139);
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(children).toHaveLength(2);
    expect(latest().sent[0]).toMatchObject({ type: 'start' });
    latest().reply({ type: 'ready', storeName: 'S' });
    const again = core.call('staff', 'w', 'orders.listOpen', {});
    const call = latest().sent.find((m) => m.type === 'call');
    latest().reply({ type: 'result', id: call?.type === 'call' ? call.id : -1, result: { ok: true, value: [] } });
    await expect(again).resolves.toEqual({ ok: true, value: [] });
  });

  it('gives up after the restart cap and says so in a sentence', async () => {
    const { core, children, latest, gaveUp } = setup();
    const started = core.start();
    latest().reply({ type: 'ready', storeName: 'S' });
    await started;
    latest().exit(1);
    latest().exit(1);
    latest().exit(1);
    expect(children).toHaveLength(3);
    expect(gaveUp).toHaveLength(1);
    expect(gaveUp[0]).toMatch(/stopped 3 times .* not restarted again/);
  });

  it('does not restart a core that exits because it was asked to shut down', async () => {
    const { core, children, latest } = setup();
    const started = core.start();
    latest().reply({ type: 'ready', storeName: 'S' });
    await started;
    const stopped = core.shutdown(5000);
    expect(latest().sent.at(-1)).toEqual({ type: 'shutdown' });
    latest().exit(0);
    await stopped;
    expect(children).toHaveLength(1);
    expect(latest().killed).toBe(false);
  });

  it('kills a core that does not exit after shutdown in time', async () => {
    const { core, latest } = setup();
    const started = core.start();
    latest().reply({ type: 'ready', storeName: 'S' });
    await started;
    await core.shutdown(10);
    expect(latest().killed).toBe(true);
  });
});
