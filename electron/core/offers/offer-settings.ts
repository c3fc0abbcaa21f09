/**
 * The manager's offer settings, stored as JSON in the settings table. Each is validated on read; a value that
 * does not fit is ignored (the default applies) so a bad setting can never blank the customer display.
 *
 * - offers.excludedProductIds   product ids never offered nor named as a reason (default none)
 * - offers.stock                units in stock by product id; 0 or below = not offered; absent = unknown, offered
 * - offers.maxDiscountPercent   campaigns promising more than this are not shown (default: no limit)
 * - offers.demographicTargeting campaigns may be targeted by estimated age band and gender (default OFF)
 */
import { z } from 'zod';
import type { ReadableDb, WritableDb } from '../store/database.js';
import { setSetting } from '../store/settings.js';
import { storeReader, type StoreReader } from './store-source.js';
import type { OfferRules } from './rules.js';

export const OFFER_SETTING_KEYS = {
  excluded: 'offers.excludedProductIds',
  stock: 'offers.stock',
  maxDiscount: 'offers.maxDiscountPercent',
  demographicTargeting: 'offers.demographicTargeting',
} as const;

export const OfferSettings = z.object({
  excludedProductIds: z.array(z.string()),
  stock: z.record(z.string(), z.number()),
  maxDiscountPercent: z.number().min(0).max(100).nullable(),
  demographicTargeting: z.boolean(),
});
export type OfferSettings = z.infer<typeof OfferSettings>;

export const DEFAULT_OFFER_SETTINGS: OfferSettings = {
  excludedProductIds: [],
  stock: {},
  maxDiscountPercent: null,
  demographicTargeting: false,
};

function read<T>(raw: ReadonlyMap<string, string>, key: string, schema: z.ZodType<T>, fallback: T): T {
  const json = raw.get(key);
  if (json === undefined) return fallback;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return fallback;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

/** The offer settings from the raw `offers.*` rows (see StoreReader.offerSettings), defaults where unset or bad. */
export function offerSettingsFrom(raw: ReadonlyMap<string, string>): OfferSettings {
  const d = DEFAULT_OFFER_SETTINGS;
  return {
    excludedProductIds: read(
      raw,
      OFFER_SETTING_KEYS.excluded,
      OfferSettings.shape.excludedProductIds,
      d.excludedProductIds,
    ),
    stock: read(raw, OFFER_SETTING_KEYS.stock, OfferSettings.shape.stock, d.stock),
    maxDiscountPercent: read(
      raw,
      OFFER_SETTING_KEYS.maxDiscount,
      OfferSettings.shape.maxDiscountPercent,
      d.maxDiscountPercent,
    ),
    demographicTargeting: read(
      raw,
      OFFER_SETTING_KEYS.demographicTargeting,
      OfferSettings.shape.demographicTargeting,
      d.demographicTargeting,
    ),
  };
}

export function readOfferSettings(db: ReadableDb): OfferSettings {
  return offerSettingsFrom(storeReader(db).offerSettings());
}

/** Writes the given settings (validated first: a bad value is refused with a sentence, nothing is written). */
export function writeOfferSettings(db: WritableDb, settings: Partial<OfferSettings>): void {
  const parsed = OfferSettings.partial().safeParse(settings);
  if (!parsed.success) {
    throw new Error(
      `Offer settings were not saved: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}. Correct the value and save again.`,
    );
  }
  const value = parsed.data;
  if (value.excludedProductIds !== undefined) setSetting(db, OFFER_SETTING_KEYS.excluded, value.excludedProductIds);
  if (value.stock !== undefined) setSetting(db, OFFER_SETTING_KEYS.stock, value.stock);
  if (value.maxDiscountPercent !== undefined) setSetting(db, OFFER_SETTING_KEYS.maxDiscount, value.maxDiscountPercent);
  if (value.demographicTargeting !== undefined)
    setSetting(db, OFFER_SETTING_KEYS.demographicTargeting, value.demographicTargeting);
}

/** The business rules for the engine: the catalogue's switched-off products plus the manager's settings. */
export function readOfferRules(db: ReadableDb, reader: StoreReader = storeReader(db)): OfferRules {
  const settings = offerSettingsFrom(reader.offerSettings());
  return {
    inactive: reader.inactiveProducts(),
    excluded: new Set(settings.excludedProductIds),
    stock: new Map(Object.entries(settings.stock)),
    maxDiscountPercent: settings.maxDiscountPercent,
    demographicTargeting: settings.demographicTargeting,
  };
}
