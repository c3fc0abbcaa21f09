/**
 * Campaigns for the customer display's idle loop (table `campaigns`, migration 4): the live ones at a moment,
 * in priority order, and an upsert the demo store (and any importer) uses. Campaigns the chain sends arrive in
 * the sync's own table `sync_campaigns` (migration 3: absolute start and end times, no day-parting); they join
 * the loop too, after the store's own. Everything is read from the local database, so the loop keeps playing
 * when the network is gone.
 */
import type { CampaignSlide } from '../../contract/dto.js';
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { ReadableDb, WritableDb } from '../store/database.js';
import { productsById } from '../store/products.js';
import { localMoment } from './local-time.js';
import { isLive, type Schedule } from './schedule.js';

export interface Campaign extends Schedule {
  readonly id: string;
  readonly headline: string;
  readonly body: string;
  readonly productId: string | null;
  /** Higher first. */
  readonly priority: number;
  readonly active: boolean;
  readonly source: 'local' | 'sync';
}

interface CampaignRow {
  id: string;
  headline: string;
  body: string;
  product_id: string | null;
  starts_on: string | null;
  ends_on: string | null;
  days: string | null;
  start_time: string | null;
  end_time: string | null;
  priority: number;
  active: number;
  source: 'local' | 'sync';
}

function parseDays(json: string | null): number[] | null {
  if (json === null) return null;
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) return null;
  return value.filter((d): d is number => typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= 6);
}

function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    headline: row.headline,
    body: row.body,
    productId: row.product_id,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    days: parseDays(row.days),
    startTime: row.start_time,
    endTime: row.end_time,
    priority: row.priority,
    active: row.active === 1,
    source: row.source,
  };
}

export function listCampaigns(db: ReadableDb): Campaign[] {
  return db.prepare<[], CampaignRow>('SELECT * FROM campaigns ORDER BY priority DESC, id').all().map(toCampaign);
}

interface SyncedRow {
  id: string;
  title: string;
  message: string;
  product_ids: string;
}

/** The chain's campaigns running at `nowMs` (their window is absolute), as campaigns without a local schedule. */
function syncedCampaigns(db: ReadableDb, nowMs: number): Campaign[] {
  const now = isoAt(nowMs);
  return db
    .prepare<[string, string], SyncedRow>(
      `SELECT id, title, message, product_ids FROM sync_campaigns
        WHERE active = 1 AND starts_at <= ? AND ends_at > ? ORDER BY starts_at, id`,
    )
    .all(now, now)
    .map((row) => {
      const products: unknown = JSON.parse(row.product_ids);
      const first = Array.isArray(products) ? (products as unknown[]).find((p) => typeof p === 'string') : undefined;
      return {
        id: `sync:${row.id}`,
        headline: row.title.slice(0, 80),
        body: row.message.slice(0, 200),
        productId: typeof first === 'string' ? first : null,
        startsOn: null,
        endsOn: null,
        days: null,
        startTime: null,
        endTime: null,
        priority: 0,
        active: true,
        source: 'sync' as const,
      };
    });
}

/** Active campaigns whose schedule is live at `nowMs` in the store's zone, as slides, highest priority first. */
export function liveCampaignSlides(db: ReadableDb, nowMs: number, timeZone: string): CampaignSlide[] {
  const at = localMoment(nowMs, timeZone);
  const local = db
    .prepare<[], CampaignRow>('SELECT * FROM campaigns WHERE active = 1 ORDER BY priority DESC, id')
    .all()
    .map(toCampaign)
    .filter((campaign) => isLive(campaign, at));
  const live = [...local, ...syncedCampaigns(db, nowMs)];
  const products = productsById(
    db,
    live.flatMap((c) => (c.productId === null ? [] : [c.productId])),
  );
  return live.map((c) => ({
    id: c.id,
    headline: c.headline,
    body: c.body,
    product: c.productId === null ? null : (products.get(c.productId) ?? null),
  }));
}

/** Inserts or replaces a campaign by id (the sync helper passes source 'sync'). */
export function upsertCampaign(db: WritableDb, clock: Clock, campaign: Campaign): void {
  db.prepare(
    `INSERT INTO campaigns (id, headline, body, product_id, starts_on, ends_on, days, start_time, end_time,
                            priority, active, source, updated_at)
     VALUES (@id, @headline, @body, @productId, @startsOn, @endsOn, @days, @startTime, @endTime,
             @priority, @active, @source, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET
       headline = excluded.headline, body = excluded.body, product_id = excluded.product_id,
       starts_on = excluded.starts_on, ends_on = excluded.ends_on, days = excluded.days,
       start_time = excluded.start_time, end_time = excluded.end_time, priority = excluded.priority,
       active = excluded.active, source = excluded.source, updated_at = excluded.updated_at`,
  ).run({
    ...campaign,
    days: campaign.days === null ? null : JSON.stringify(campaign.days),
    active: campaign.active ? 1 : 0,
    updatedAt: isoAt(clock.now()),
  });
}

export function removeCampaign(db: WritableDb, id: string): boolean {
  return db.prepare('DELETE FROM campaigns WHERE id = ?').run(id).changes > 0;
}
