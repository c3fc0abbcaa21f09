/**
 * The customer display's rules over a real SQLite file: the idle loop's day-parted campaigns, confirmation
 * before anything personal, never one customer's data while another person is in front, and back to idle when
 * the customer leaves or the greeting times out.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DisplayState } from '../../contract/dto.js';
import { readBoardConfig, saveBoardConfig } from '../board/board-config.js';
import { upsertCampaign, type Campaign } from '../board/campaigns.js';
import { DEMO_CAMPAIGNS } from '../board/demo-campaigns.js';
import { openBoardFixture, type BoardFixture } from '../board/testing.js';

let f: BoardFixture;
afterEach(() => {
  vi.useRealTimers();
  f.close();
});

const campaign = (fields: Partial<Campaign>): Campaign => ({
  id: 'c',
  headline: 'Campaign',
  body: '',
  productId: null,
  startsOn: null,
  endsOn: null,
  days: null,
  startTime: null,
  endTime: null,
  priority: 0,
  active: true,
  source: 'local',
  ...fields,
});

const headlines = (state: DisplayState): string[] =>
  state.kind === 'idle' ? (state.campaigns ?? []).map((c) => c.headline) : [];

function arrive(trackId = 1, customerId = 'anna'): number {
  f.arrivals.onRecognised({ cameraId: 'entrance', trackId, customerId, score: 0.7 });
  return f.lastAlerts()?.find((a) => a.customerId === customerId)?.visitId ?? -1;
}

describe('the idle loop', () => {
  it('plays the campaigns whose schedule is live now: breakfast in the morning, lunch on weekdays', () => {
    // Friday 20 November 2026, 08:00 in London.
    f = openBoardFixture({ start: '2026-11-20T08:00:00.000Z' });
    for (const c of DEMO_CAMPAIGNS.filter((c) => c.productId === null || c.productId === 'croissant')) {
      upsertCampaign(f.db, f.clock, c);
    }
    upsertCampaign(
      f.db,
      f.clock,
      campaign({
        id: 'lunch',
        headline: 'Lunch',
        days: [1, 2, 3, 4, 5],
        startTime: '11:00',
        endTime: '14:30',
        priority: 20,
      }),
    );
    upsertCampaign(f.db, f.clock, campaign({ id: 'off', headline: 'Switched off', active: false }));
    f.display.refreshIdle();
    const morning = f.display.current();
    expect(DisplayState.parse(morning)).toEqual(morning);
    expect(headlines(morning)).toEqual(['Breakfast to go', 'Order ahead, skip the queue']);
    expect(morning.kind === 'idle' && morning.campaigns?.[0]?.product?.name).toBe('Croissant');
    expect(morning.kind === 'idle' && morning.offers.map((o) => o.product.id)).toContain('croissant');

    f.clock.set(Date.parse('2026-11-20T12:00:00.000Z'));
    f.display.refreshIdle();
    expect(headlines(f.display.current())).toEqual(['Lunch', 'Order ahead, skip the queue']);

    f.clock.set(Date.parse('2026-11-21T12:00:00.000Z')); // Saturday: no weekday lunch
    f.display.refreshIdle();
    expect(headlines(f.display.current())).toEqual(['Order ahead, skip the queue']);
  });

  it('plays the chain’s synced campaigns during their window, after the store’s own', () => {
    f = openBoardFixture({ start: '2026-11-20T08:00:00.000Z' });
    upsertCampaign(f.db, f.clock, campaign({ id: 'own', headline: 'Our own' }));
    f.db
      .prepare(
        `INSERT INTO sync_campaigns (id, version, title, message, product_ids, starts_at, ends_at, active, updated_at)
         VALUES ('x1', 1, 'Chain week', 'All week long', '["oat-milk"]', '2026-11-16T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 1, 't')`,
      )
      .run();
    f.display.refreshIdle();
    const idle = f.display.current();
    expect(headlines(idle)).toEqual(['Our own', 'Chain week']);
    expect(idle.kind === 'idle' && idle.campaigns?.[1]?.product?.id).toBe('oat-milk');
    f.clock.set(Date.parse('2026-11-23T00:00:00.000Z'));
    f.display.refreshIdle();
    expect(headlines(f.display.current())).toEqual(['Our own']);
  });

  it('sends nothing when a schedule check finds nothing new (no flicker)', () => {
    f = openBoardFixture();
    upsertCampaign(f.db, f.clock, campaign({ headline: 'Always' }));
    f.display.refreshIdle();
    const sent = f.displays().length;
    f.clock.advance(60_000);
    f.display.refreshIdle();
    f.display.refreshIdle();
    expect(f.displays()).toHaveLength(sent);
  });
});

describe('the greeting', () => {
  it('never shows one customer’s data while another person is in front, and comes back when they leave', () => {
    f = openBoardFixture();
    saveBoardConfig(f.db, { ...readBoardConfig(f.db), confirmMatches: false });
    f.presence.update('entrance', { inView: [1], ended: [] });
    arrive(1);
    expect(f.display.current()).toMatchObject({ kind: 'greeting', firstName: 'Anna' });

    // A second face appears behind Anna.
    f.presence.update('entrance', { inView: [1, 2], ended: [] });
    expect(f.display.current()).toEqual({ kind: 'welcome' });
    // The second person is still there in a frame where they are not detected: still neutral.
    f.presence.update('entrance', { inView: [1], ended: [] });
    expect(f.display.current()).toEqual({ kind: 'welcome' });
    // They leave (their track ends): Anna's greeting returns.
    f.presence.update('entrance', { inView: [1], ended: [2] });
    expect(f.display.current()).toMatchObject({ kind: 'greeting', firstName: 'Anna' });
    const personal = f.displays().filter((d) => d.kind === 'greeting');
    expect(personal).toHaveLength(2);
  });

  it('does not greet at all when the customer is recognised while someone else is already there', () => {
    f = openBoardFixture();
    saveBoardConfig(f.db, { ...readBoardConfig(f.db), confirmMatches: false });
    f.presence.update('entrance', { inView: [1, 5], ended: [] });
    arrive(1);
    expect(f.display.current()).toEqual({ kind: 'welcome' });
    expect(f.displays().some((d) => d.kind === 'greeting')).toBe(false);
  });

  it('ignores people at another camera', () => {
    f = openBoardFixture();
    saveBoardConfig(f.db, { ...readBoardConfig(f.db), confirmMatches: false });
    f.presence.update('entrance', { inView: [1], ended: [] });
    f.presence.update('back-door', { inView: [1, 2, 3], ended: [] });
    arrive(1);
    expect(f.display.current().kind).toBe('greeting');
  });

  it('waits for the clerk, then stays neutral if a second person stepped in meanwhile', () => {
    f = openBoardFixture();
    f.presence.update('entrance', { inView: [1], ended: [] });
    const visitId = arrive(1);
    expect(f.display.current()).toEqual({ kind: 'welcome' });
    f.presence.update('entrance', { inView: [1, 2], ended: [] });
    f.board.confirm(visitId, true, 'Sam');
    expect(f.display.current()).toEqual({ kind: 'welcome' });
    f.presence.update('entrance', { inView: [1], ended: [2] });
    expect(f.display.current()).toMatchObject({ kind: 'greeting', firstName: 'Anna' });
  });

  it('returns to idle when the customer’s track ends', () => {
    f = openBoardFixture();
    saveBoardConfig(f.db, { ...readBoardConfig(f.db), confirmMatches: false });
    f.presence.update('entrance', { inView: [1], ended: [] });
    arrive(1);
    f.presence.update('entrance', { inView: [], ended: [1] });
    expect(f.display.current().kind).toBe('idle');
  });

  it('returns to idle after the greeting time, counted again from the clerk’s confirmation', () => {
    vi.useFakeTimers();
    f = openBoardFixture({ display: { greetingMs: 20_000 } });
    const visitId = arrive(1);
    vi.advanceTimersByTime(15_000);
    f.board.confirm(visitId, true, 'Sam');
    vi.advanceTimersByTime(15_000);
    expect(f.display.current().kind).toBe('greeting');
    vi.advanceTimersByTime(5_000);
    expect(f.display.current().kind).toBe('idle');
  });

  it('drops an erased customer’s greeting at once', () => {
    f = openBoardFixture();
    saveBoardConfig(f.db, { ...readBoardConfig(f.db), confirmMatches: false });
    arrive(1);
    f.display.customerErased('anna');
    expect(f.display.current().kind).toBe('idle');
  });
});
