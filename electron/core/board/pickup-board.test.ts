/**
 * The pickup board over a real SQLite file: confirmation gating, bump and recall with the clerk's name, two
 * clerks racing, today's history, and the configurable aging thresholds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryTicket } from '../../contract/dto.js';
import { CommandError } from '../../contract/result.js';
import { orderEvents } from '../store/orders.js';
import { readBoardConfig, saveBoardConfig } from './board-config.js';
import type { MatchRejection } from './pickup-board.js';
import { openBoardFixture, type BoardFixture } from './testing.js';

let f: BoardFixture;
beforeEach(() => {
  f = openBoardFixture();
});
afterEach(() => f.close());

const annaArrives = (trackId = 1) =>
  f.arrivals.onRecognised({ cameraId: 'entrance', trackId, customerId: 'anna', score: 0.72 });

function conflictOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CommandError && error.code === 'conflict') return error.message;
    throw error;
  }
  throw new Error('expected a conflict');
}

describe('confirmation of a match', () => {
  it('is asked for by default: the ticket waits with the question and the display shows nothing personal', () => {
    f.presence.update('entrance', { inView: [1], ended: [] });
    annaArrives();
    const alert = f.lastAlerts()?.[0];
    expect(alert).toMatchObject({ firstName: 'Anna', match: 'pending', reviewedBy: null });
    expect(alert?.order?.number).toBe(f.orderNumber);
    expect(f.display.current()).toEqual({ kind: 'welcome' });
    expect(f.displays().some((d) => d.kind === 'greeting')).toBe(false);
  });

  it('shows the greeting once a clerk says yes, and records who said it', () => {
    f.presence.update('entrance', { inView: [1], ended: [] });
    annaArrives();
    const visitId = f.lastAlerts()?.[0]?.visitId ?? -1;
    expect(f.board.confirm(visitId, true, 'Sam')).toEqual({ match: 'confirmed' });
    expect(f.display.current()).toMatchObject({
      kind: 'greeting',
      firstName: 'Anna',
      order: { number: f.orderNumber },
    });
    expect(f.lastAlerts()?.[0]).toMatchObject({ match: 'confirmed', reviewedBy: 'Sam' });
    expect(f.db.prepare('SELECT reviewed_by, reviewed_at FROM visits WHERE id = ?').get(visitId)).toEqual({
      reviewed_by: 'Sam',
      reviewed_at: '2026-11-20T09:30:00.000Z',
    });
  });

  it('drops the ticket on "not her", keeps the display neutral, and tells the vision engine’s hook', () => {
    const rejections: MatchRejection[] = [];
    f.board.onMatchRejected((r) => rejections.push(r));
    f.presence.update('entrance', { inView: [7], ended: [] });
    annaArrives(7);
    const visitId = f.lastAlerts()?.[0]?.visitId ?? -1;
    expect(f.board.confirm(visitId, false, 'Sam')).toEqual({ match: 'rejected' });
    expect(f.lastAlerts()).toEqual([]);
    expect(f.display.current().kind).toBe('idle');
    expect(f.displays().some((d) => d.kind === 'greeting')).toBe(false);
    expect(rejections).toEqual([{ visitId, customerId: 'anna', cameraId: 'entrance', trackId: 7, clerk: 'Sam' }]);
    // The same (wrong) match again moments later raises nothing new.
    const alertsBefore = f.events.filter((e) => e.event === 'alerts.changed').length;
    annaArrives(8);
    expect(f.events.filter((e) => e.event === 'alerts.changed')).toHaveLength(alertsBefore);
    expect(f.display.current().kind).toBe('idle');
  });

  it('greets at once when the store turned confirmation off', () => {
    saveBoardConfig(f.db, { ...readBoardConfig(f.db), confirmMatches: false });
    annaArrives();
    expect(f.lastAlerts()?.[0]?.match).toBe('auto');
    expect(f.display.current()).toMatchObject({ kind: 'greeting', firstName: 'Anna' });
  });

  it('lets the first of two clerks answer; the same answer again is harmless, a contradicting one is refused', () => {
    annaArrives();
    const visitId = f.lastAlerts()?.[0]?.visitId ?? -1;
    f.board.confirm(visitId, true, 'Sam');
    f.clock.advance(12_000);
    expect(f.board.confirm(visitId, true, 'Ann')).toEqual({ match: 'confirmed' });
    expect(conflictOf(() => f.board.confirm(visitId, false, 'Ann'))).toBe(
      'Sam already confirmed this is Anna K. 12 s ago.',
    );
    expect(f.db.prepare('SELECT match_status, reviewed_by FROM visits WHERE id = ?').get(visitId)).toEqual({
      match_status: 'confirmed',
      reviewed_by: 'Sam',
    });
  });
});

describe('bump and recall', () => {
  it('bumps preparing -> ready -> collected with the clerk’s name on each step', () => {
    f.board.bump(f.orderId, 'ready', 'Sam');
    const collected = f.board.bump(f.orderId, 'collected', 'Ann');
    expect(collected.status).toBe('collected');
    expect(orderEvents(f.db, f.orderId).map((e) => `${e.from ?? '-'}>${e.to} ${e.actor}`)).toEqual([
      '->preparing online shop',
      'preparing>ready Sam',
      'ready>collected Ann',
    ]);
  });

  it('recalls the last bump one step at a time, recorded as a recall by the clerk', () => {
    f.board.bump(f.orderId, 'ready', 'Sam');
    f.board.bump(f.orderId, 'collected', 'Sam');
    expect(f.board.recall(f.orderId, 'collected', 'Ann').status).toBe('ready');
    expect(f.board.recall(f.orderId, 'ready', 'Ann').status).toBe('preparing');
    const kinds = f.db
      .prepare('SELECT kind, from_status, to_status, actor FROM order_events WHERE order_id = ? ORDER BY id')
      .all(f.orderId);
    expect(kinds.slice(-2)).toEqual([
      { kind: 'recall', from_status: 'collected', to_status: 'ready', actor: 'Ann' },
      { kind: 'recall', from_status: 'ready', to_status: 'preparing', actor: 'Ann' },
    ]);
    // And forward again.
    expect(f.board.bump(f.orderId, 'ready', 'Sam').status).toBe('ready');
  });

  it('brings a recalled collected order back onto the board with its customer', () => {
    saveBoardConfig(f.db, { ...readBoardConfig(f.db), confirmMatches: false });
    annaArrives();
    f.board.bump(f.orderId, 'ready', 'Sam');
    f.board.bump(f.orderId, 'collected', 'Sam');
    expect(f.lastAlerts()).toEqual([]);
    f.board.recall(f.orderId, 'collected', 'Sam');
    expect(f.lastAlerts()?.map((a) => a.order?.status)).toEqual(['ready']);
  });

  it('resolves two clerks bumping at once: the second hears who did it', () => {
    f.board.bump(f.orderId, 'ready', 'Sam');
    f.clock.advance(4000);
    expect(conflictOf(() => f.board.bump(f.orderId, 'ready', 'Ann'))).toBe(
      `Order ${f.orderNumber} is already ready: Sam marked it ready just now.`,
    );
    f.clock.advance(10_000);
    expect(conflictOf(() => f.board.bump(f.orderId, 'ready', 'Ann'))).toMatch(/Sam marked it ready 14 s ago\.$/);
  });

  it('never undoes someone else’s bump: a recall names the status the clerk saw', () => {
    f.board.bump(f.orderId, 'ready', 'Sam');
    f.board.bump(f.orderId, 'collected', 'Ann');
    // Sam's screen still showed "ready" when he pressed recall.
    expect(conflictOf(() => f.board.recall(f.orderId, 'ready', 'Sam'))).toBe(
      `Order ${f.orderNumber} is now collected: Ann marked it collected just now. Nothing was recalled.`,
    );
    expect(f.board.recall(f.orderId, 'collected', 'Sam').status).toBe('ready');
    // Ann's screen still showed "collected": her recall would undo Sam's work twice.
    expect(conflictOf(() => f.board.recall(f.orderId, 'collected', 'Ann'))).toBe(
      `Order ${f.orderNumber} is now ready: Sam recalled it just now. Nothing was recalled.`,
    );
  });

  it('keeps the plain sentence for a fresh order and refuses recalling one still being prepared', () => {
    expect(conflictOf(() => f.board.bump(f.orderId, 'collected', 'Sam'))).toMatch(/mark it ready first/);
    expect(conflictOf(() => f.board.recall(f.orderId, 'ready', 'Sam'))).toMatch(/Nothing was recalled/);
  });

  it('tells every staff window and the greeting on screen', () => {
    saveBoardConfig(f.db, { ...readBoardConfig(f.db), confirmMatches: false });
    annaArrives();
    f.board.bump(f.orderId, 'ready', 'Sam');
    expect(f.display.current()).toMatchObject({ kind: 'greeting', order: { status: 'ready' } });
    f.board.recall(f.orderId, 'ready', 'Sam');
    expect(f.display.current()).toMatchObject({ kind: 'greeting', order: { status: 'preparing' } });
    const names = f.events.map((e) => e.event);
    expect(names.filter((n) => n === 'orders.changed')).toHaveLength(2);
  });
});

describe('today’s history', () => {
  it('lists today’s tickets newest first with every action and who did it', () => {
    annaArrives();
    const visitId = f.lastAlerts()?.[0]?.visitId ?? -1;
    f.clock.advance(60_000);
    f.board.confirm(visitId, true, 'Sam');
    f.clock.advance(60_000);
    f.board.bump(f.orderId, 'ready', 'Sam');
    f.clock.advance(60_000);
    f.board.bump(f.orderId, 'collected', 'Ann');
    // Ben: a wrong match, rejected.
    f.arrivals.onRecognised({ cameraId: 'entrance', trackId: 2, customerId: 'ben', score: 0.6 });
    const benVisit = f.lastAlerts()?.find((a) => a.customerId === 'ben')?.visitId ?? -1;
    f.clock.advance(1000);
    f.board.confirm(benVisit, false, 'Ann');

    const history = f.board.history();
    expect(history.map((t) => HistoryTicket.parse(t))).toEqual(history);
    expect(history.map((t) => [t.customerName, t.match, t.order?.status ?? null, t.recallable])).toEqual([
      ['Ben Okafor', 'rejected', null, false],
      ['Anna Karlsson', 'confirmed', 'collected', true],
    ]);
    expect(history[1]?.actions.map((a) => `${a.action} ${a.actor}`)).toEqual([
      'placed online shop',
      'arrived camera',
      'confirmed Sam',
      'ready Sam',
      'collected Ann',
    ]);
  });

  it('leaves out yesterday’s visits', () => {
    annaArrives();
    f.clock.advance(24 * 60 * 60 * 1000);
    expect(f.board.history()).toEqual([]);
  });
});

describe('board settings', () => {
  it('default to amber at 5 and red at 8 minutes with confirmation on, and survive a bad stored value', () => {
    expect(f.board.config()).toEqual({ amberAfterMinutes: 5, redAfterMinutes: 8, confirmMatches: true });
    f.db.prepare("INSERT INTO settings (key, value) VALUES ('board.redAfterMinutes', '\"soon\"')").run();
    expect(f.board.config().redAfterMinutes).toBe(8);
  });

  it('are saved by a manager, audited, and sent to the staff windows', () => {
    const saved = f.board.saveConfig({ amberAfterMinutes: 3, redAfterMinutes: 6, confirmMatches: false }, 'maria');
    expect(saved).toEqual({ amberAfterMinutes: 3, redAfterMinutes: 6, confirmMatches: false });
    expect(f.board.config()).toEqual(saved);
    expect(f.events.at(-1)).toEqual({ event: 'board.config', payload: saved });
    expect(f.db.prepare("SELECT actor FROM audit_log WHERE action = 'board.saveConfig'").pluck().all()).toEqual([
      'maria',
    ]);
  });
});
