/**
 * One customer's offers from the store-wide model and their own history: their repeat purchases weighted by
 * recency, items bought together with their habits (item-to-item neighbours, lift-gated), and store popularity,
 * blended into one score; then the business rules and at most a few campaign slots. Every offer carries a
 * structured, honest reason (what in their own shopping or the store's receipts put it there).
 */
import type { OfferModel } from './model.js';
import { DAY_MS, type CustomerHistory } from './purchase-line.js';
import {
  campaignApplies,
  isNameable,
  isOfferable,
  NO_RULES,
  type Audience,
  type Campaign,
  type OfferRules,
} from './rules.js';

export type OfferReason =
  /** The customer bought it on this many receipts. */
  | { readonly kind: 'repeat'; readonly baskets: number }
  /** Bought together with `anchor`, which the customer buys, more often than chance. */
  | { readonly kind: 'pairing'; readonly anchor: string }
  | {
      readonly kind: 'campaign';
      readonly campaignId: string;
      readonly title: string;
      readonly discountPercent: number | null;
    }
  | { readonly kind: 'popular' }
  /** Chosen by the store for its idle screen. */
  | { readonly kind: 'featured' };

export interface RankedOffer {
  readonly item: string;
  readonly score: number;
  readonly reason: OfferReason;
}

export interface RankOptions {
  /** Milliseconds since the epoch; history after it is ignored. */
  readonly now: number;
  readonly k: number;
  readonly rules?: OfferRules;
  readonly campaigns?: readonly Campaign[];
  /** Slots a running campaign may take (at most); 0 = none. */
  readonly campaignSlots?: number;
  /** Used only when `rules.demographicTargeting` is on. */
  readonly audience?: Audience;
}

/** Popular items considered per request: further down the list they never reach a top-k. */
const POPULAR_CANDIDATES = 100;

interface Scored {
  repeat: number;
  baskets: number;
  pairing: number;
  anchor: string | null;
  anchorContribution: number;
  popular: number;
}

function entry(map: Map<string, Scored>, item: string): Scored {
  let scored = map.get(item);
  if (scored === undefined) {
    scored = { repeat: 0, baskets: 0, pairing: 0, anchor: null, anchorContribution: 0, popular: 0 };
    map.set(item, scored);
  }
  return scored;
}

/** The customer's items with recency-weighted receipt counts: each receipt counts 0.5^(age / half-life). */
function repeatWeights(history: CustomerHistory, now: number, halfLifeDays: number): Map<string, Scored> {
  const seen = new Set<string>();
  const scored = new Map<string, Scored>();
  for (const line of history) {
    if (line.at > now) continue;
    // A receipt with the same item on two lines is still one purchase of it.
    const key = `${line.basket}\u0000${line.item}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const s = entry(scored, line.item);
    s.baskets += 1;
    s.repeat += 0.5 ** (Math.max(0, now - line.at) / DAY_MS / halfLifeDays);
  }
  return scored;
}

/** Ranks the store's items for one customer; pure. */
export function rankOffers(model: OfferModel, history: CustomerHistory, options: RankOptions): RankedOffer[] {
  const { k, now } = options;
  if (k <= 0) return [];
  const rules = options.rules ?? NO_RULES;
  const tuning = model.tuning;
  const scored = repeatWeights(history, now, tuning.halfLifeDays);
  if (tuning.repurchaseExponent > 0) {
    for (const [item, s] of scored) s.repeat *= (model.repurchaseRate.get(item) ?? 0) ** tuning.repurchaseExponent;
  }

  const anchors = [...scored]
    .filter(([item]) => isNameable(rules, item))
    .sort((a, b) => b[1].repeat - a[1].repeat || (a[0] < b[0] ? -1 : 1))
    .slice(0, tuning.anchors);
  const maxRepeat = anchors[0]?.[1].repeat ?? 0;
  for (const [item, s] of scored) s.repeat = maxRepeat > 0 && isNameable(rules, item) ? s.repeat / maxRepeat : 0;

  let maxPairing = 0;
  for (const [anchor, a] of anchors) {
    for (const neighbour of model.neighbours.get(anchor) ?? []) {
      const contribution = a.repeat * neighbour.similarity;
      const s = entry(scored, neighbour.item);
      s.pairing += contribution;
      if (contribution > s.anchorContribution) {
        s.anchorContribution = contribution;
        s.anchor = anchor;
      }
      if (s.pairing > maxPairing) maxPairing = s.pairing;
    }
  }

  const maxPopular = model.popular[0]?.score ?? 0;
  if (maxPopular > 0) {
    for (const { item, score } of model.popular.slice(0, POPULAR_CANDIDATES))
      entry(scored, item).popular = score / maxPopular;
  }

  const ranked: RankedOffer[] = [];
  for (const [item, s] of scored) {
    if (!isOfferable(rules, item)) continue;
    const repeat = s.repeat;
    const pairing = maxPairing > 0 ? (tuning.pairingWeight * s.pairing) / maxPairing : 0;
    const popular = tuning.popularWeight * s.popular;
    const score = repeat + pairing + popular;
    if (score <= 0) continue;
    // The most personal true statement: their own purchase, then what goes with one, then the store's favourites.
    const reason: OfferReason =
      s.baskets > 0
        ? { kind: 'repeat', baskets: s.baskets }
        : s.anchor !== null
          ? { kind: 'pairing', anchor: s.anchor }
          : { kind: 'popular' };
    ranked.push({ item, score, reason });
  }
  ranked.sort((a, b) => b.score - a.score || (a.item < b.item ? -1 : 1));
  return withCampaigns(withDiscovery(ranked, k, tuning.discoverySlots), options, rules);
}

/** Moves the best "goes well with" items up into the last `slots` of the top k when none is there yet. */
function withDiscovery(ranked: RankedOffer[], k: number, slots: number): RankedOffer[] {
  const wanted = Math.min(slots, k);
  if (wanted <= 0) return ranked;
  const top = ranked.slice(0, k);
  const missing = wanted - top.filter((offer) => offer.reason.kind === 'pairing').length;
  if (missing <= 0) return ranked;
  const promoted = ranked
    .slice(k)
    .filter((offer) => offer.reason.kind === 'pairing')
    .slice(0, missing);
  if (promoted.length === 0) return ranked;
  const keep = top.slice(0, k - promoted.length);
  const chosen = new Set([...keep, ...promoted].map((offer) => offer.item));
  return [...keep, ...promoted, ...ranked.filter((offer) => !chosen.has(offer.item))];
}

/**
 * Gives running campaigns up to `campaignSlots` of the k places: the campaign item most relevant to this
 * customer (their own score for it, then the campaign's priority) takes the last personal place.
 */
function withCampaigns(ranked: readonly RankedOffer[], options: RankOptions, rules: OfferRules): RankedOffer[] {
  const { k, now } = options;
  const slots = Math.min(k, Math.max(0, options.campaignSlots ?? 1));
  const running = (options.campaigns ?? []).filter((c) => campaignApplies(rules, c, now, options.audience));
  if (slots === 0 || running.length === 0) return ranked.slice(0, k);

  const personal = new Map(ranked.map((offer) => [offer.item, offer.score]));
  const picks: RankedOffer[] = [];
  const byRelevance = running
    .flatMap((campaign) =>
      campaign.items
        .filter((item) => isOfferable(rules, item))
        .map((item) => ({ campaign, item, relevance: personal.get(item) ?? 0 })),
    )
    .sort(
      (a, b) =>
        b.relevance - a.relevance ||
        b.campaign.priority - a.campaign.priority ||
        (a.campaign.id < b.campaign.id ? -1 : a.campaign.id > b.campaign.id ? 1 : a.item < b.item ? -1 : 1),
    );
  for (const { campaign, item, relevance } of byRelevance) {
    if (picks.length >= slots) break;
    if (picks.some((p) => p.item === item)) continue;
    picks.push({
      item,
      score: relevance,
      reason: {
        kind: 'campaign',
        campaignId: campaign.id,
        title: campaign.title,
        discountPercent: campaign.discountPercent,
      },
    });
  }
  const taken = new Set(picks.map((p) => p.item));
  const rest = ranked.filter((offer) => !taken.has(offer.item));
  return [...rest.slice(0, k - picks.length), ...picks, ...rest.slice(k - picks.length)].slice(0, k);
}
