/**
 * The store's business rules for offers and the campaigns that may fill a slot, as plain data. Which products may
 * be offered (active, not excluded, in stock), the largest discount the store allows, and whether a manager has
 * switched demographic targeting on. Emotion is deliberately absent: there is no way to pass it in.
 */
import { z } from 'zod';

/** What the camera estimated about the person in front, used ONLY when demographic targeting is switched on. */
export const Audience = z
  .object({
    /** An age band such as "25-34" or "65+". */
    ageBand: z
      .string()
      .regex(/^\d{1,3}(-\d{1,3}|\+)$/, 'An age band looks like "25-34" or "65+".')
      .optional(),
    gender: z.enum(['female', 'male']).optional(),
  })
  // Strict: an `emotion` (or anything else) is refused rather than silently carried along.
  .strict();
export type Audience = z.infer<typeof Audience>;

export interface OfferRules {
  /** Items that exist and are active in the catalogue; undefined means every item (the eval). */
  readonly catalogue?: ReadonlySet<string>;
  /** Items the catalogue has switched off (the store reads these: usually far fewer than the active ones). */
  readonly inactive?: ReadonlySet<string>;
  /** Items the store never offers (and never names as the reason for an offer). */
  readonly excluded: ReadonlySet<string>;
  /** Units in stock for items whose stock is known; an item at 0 or below is not offered. Unknown = offerable. */
  readonly stock: ReadonlyMap<string, number>;
  /** The largest discount in percent an offer may carry; a campaign above it is not shown. Null = no limit. */
  readonly maxDiscountPercent: number | null;
  /** Demographic targeting of campaigns; off unless a manager switches it on. */
  readonly demographicTargeting: boolean;
}

export const NO_RULES: OfferRules = {
  excluded: new Set(),
  stock: new Map(),
  maxDiscountPercent: null,
  demographicTargeting: false,
};

/** A campaign the store runs: some items, perhaps a discount, a schedule and (optionally) an intended audience. */
export interface Campaign {
  readonly id: string;
  /** Shown as the offer's reason, e.g. "Breakfast deal: 20% off". */
  readonly title: string;
  readonly items: readonly string[];
  readonly discountPercent: number | null;
  /** Milliseconds since the epoch; null = open-ended. */
  readonly startsAt: number | null;
  readonly endsAt: number | null;
  /** Higher first when several campaigns compete for a slot. */
  readonly priority: number;
  /** Intended audience; honoured only when demographic targeting is on, otherwise the campaign is for everyone. */
  readonly audience?: { readonly ageBands?: readonly string[]; readonly genders?: readonly ('female' | 'male')[] };
}

/** May this item be named as the reason for an offer ("goes well with X")? Stock does not matter for that. */
export function isNameable(rules: OfferRules, item: string): boolean {
  return (
    (rules.catalogue === undefined || rules.catalogue.has(item)) &&
    rules.inactive?.has(item) !== true &&
    !rules.excluded.has(item)
  );
}

/** May this item be offered now? */
export function isOfferable(rules: OfferRules, item: string): boolean {
  const stock = rules.stock.get(item);
  return isNameable(rules, item) && (stock === undefined || stock > 0);
}

/** Is the campaign running at `now`, within the discount limit, and (with targeting on) meant for this audience? */
export function campaignApplies(
  rules: OfferRules,
  campaign: Campaign,
  now: number,
  audience: Audience | undefined,
): boolean {
  if (campaign.startsAt !== null && now < campaign.startsAt) return false;
  if (campaign.endsAt !== null && now >= campaign.endsAt) return false;
  if (
    rules.maxDiscountPercent !== null &&
    campaign.discountPercent !== null &&
    campaign.discountPercent > rules.maxDiscountPercent
  )
    return false;
  if (!rules.demographicTargeting) return true;
  const wanted = campaign.audience;
  const bands = wanted?.ageBands ?? [];
  const genders = wanted?.genders ?? [];
  if (bands.length > 0 && (audience?.ageBand === undefined || !bands.includes(audience.ageBand))) return false;
  if (genders.length > 0 && (audience?.gender === undefined || !genders.includes(audience.gender))) return false;
  return true;
}
