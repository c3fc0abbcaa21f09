/**
 * Rules for the catalogue and campaigns: last writer wins by the chain's version, per product and per campaign.
 * A message with an older or equal version changes nothing, so late or repeated deliveries are harmless.
 */
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { WritableDb } from '../store/database.js';
import { applied, ignored, type ApplyResult, type SyncEffects } from './apply-result.js';
import { tileFor } from './chain-records.js';
import type { CampaignBody, CatalogueBody } from './messages.js';

export function applyCatalogue(db: WritableDb, body: CatalogueBody, effects: SyncEffects): ApplyResult {
  const versionOf = db.prepare<[string], { version: number }>(
    'SELECT version FROM sync_catalogue WHERE product_id = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO products (id, name, category, price_cents, image_svg, active, promoted)
     VALUES (@id, @name, @category, @priceCents, @imageSvg, @active, @promoted)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, category = excluded.category,
       price_cents = excluded.price_cents, image_svg = excluded.image_svg, active = excluded.active,
       promoted = excluded.promoted`,
  );
  const remember = db.prepare(
    `INSERT INTO sync_catalogue (product_id, version) VALUES (?, ?)
     ON CONFLICT (product_id) DO UPDATE SET version = excluded.version`,
  );
  let changed = 0;
  for (const product of body.products) {
    const stored = versionOf.get(product.id)?.version ?? 0;
    if (body.version <= stored) continue;
    upsert.run({
      id: product.id,
      name: product.name,
      category: product.category,
      priceCents: product.priceCents,
      imageSvg: tileFor(product.name, product.category),
      active: product.active ? 1 : 0,
      promoted: product.promoted ? 1 : 0,
    });
    remember.run(product.id, body.version);
    changed += 1;
  }
  if (changed === 0) return ignored(`catalogue version ${body.version} is not newer than what this store has`);
  effects.catalogueChanged = true;
  return applied;
}

export function applyCampaign(db: WritableDb, clock: Clock, body: CampaignBody, effects: SyncEffects): ApplyResult {
  const stored: unknown = db.prepare('SELECT version FROM sync_campaigns WHERE id = ?').pluck().get(body.campaignId);
  if (typeof stored === 'number' && body.version <= stored) {
    return ignored(`campaign ${body.campaignId} version ${body.version} is not newer than ${stored}`);
  }
  db.prepare(
    `INSERT INTO sync_campaigns (id, version, title, message, product_ids, starts_at, ends_at, active, updated_at)
     VALUES (@id, @version, @title, @message, @productIds, @startsAt, @endsAt, @active, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, title = excluded.title, message = excluded.message,
       product_ids = excluded.product_ids, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
       active = excluded.active, updated_at = excluded.updated_at`,
  ).run({
    id: body.campaignId,
    version: body.version,
    title: body.title,
    message: body.message,
    productIds: JSON.stringify(body.productIds),
    startsAt: isoAt(Date.parse(body.startsAt)),
    endsAt: isoAt(Date.parse(body.endsAt)),
    active: body.active ? 1 : 0,
    updatedAt: isoAt(clock.now()),
  });
  effects.campaignsChanged = true;
  return applied;
}
