import { describe, expect, it } from 'vitest';
import { buildOfferModel, DEFAULT_OFFER_TUNING, type OfferTuning } from './model.js';
import { DAY_MS, type PurchaseLine } from './purchase-line.js';
import { rankOffers } from './rank.js';
import { Audience, NO_RULES, type Campaign, type OfferRules } from './rules.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');

/** A tiny store's receipts, written as data. */
class Receipts {
  readonly lines: PurchaseLine[] = [];
  private n = 0;

  buy(customer: string | null, daysAgo: number, ...items: string[]): this {
    this.n += 1;
    for (const item of items) this.lines.push({ basket: `r${this.n}`, customer, item, at: NOW - daysAgo * DAY_MS });
    return this;
  }

  times(count: number, customer: string | null, daysAgo: number, ...items: string[]): this {
    for (let i = 0; i < count; i += 1) this.buy(customer, daysAgo + i, ...items);
    return this;
  }

  of(customer: string): PurchaseLine[] {
    return this.lines.filter((line) => line.customer === customer);
  }
}

const tuning = (change: Partial<OfferTuning> = {}): OfferTuning => ({ ...DEFAULT_OFFER_TUNING, ...change });

function rank(
  receipts: Receipts,
  customer: string,
  options: { k?: number; tuning?: OfferTuning; rules?: OfferRules; campaigns?: Campaign[]; audience?: Audience } = {},
) {
  const model = buildOfferModel(receipts.lines, { now: NOW, tuning: options.tuning ?? tuning() });
  return rankOffers(model, receipts.of(customer), {
    now: NOW,
    k: options.k ?? 3,
    rules: options.rules,
    campaigns: options.campaigns,
    audience: options.audience,
  });
}

const rules = (change: Partial<OfferRules>): OfferRules => ({ ...NO_RULES, ...change });

describe('the offers ranking', () => {
  it('ranks neighbours by lift-gated similarity: a companion bought with the habit beats one in every basket', () => {
    const receipts = new Receipts()
      .times(4, 'me', 1, 'espresso')
      .times(6, 'a', 1, 'espresso', 'croissant', 'bag')
      .times(12, 'b', 1, 'soap', 'bag');
    const model = buildOfferModel(receipts.lines, { now: NOW });
    const neighbours = model.neighbours.get('espresso')?.map((n) => n.item) ?? [];
    expect(neighbours).toContain('croissant');
    // Bags are in 18 of 22 baskets: with espresso less often than chance, so never "goes well with".
    expect(neighbours).not.toContain('bag');
    const offers = rank(receipts, 'me', { tuning: tuning({ popularWeight: 0 }) });
    expect(offers.map((o) => [o.item, o.reason])).toEqual([
      ['espresso', { kind: 'repeat', baskets: 4 }],
      ['croissant', { kind: 'pairing', anchor: 'espresso' }],
    ]);
  });

  it('orders neighbours by lift when lift is the chosen similarity', () => {
    const receipts = new Receipts()
      .times(5, 'a', 1, 'tea', 'lemon')
      .times(5, 'b', 1, 'tea', 'milk')
      .times(20, 'c', 1, 'milk', 'bread');
    const model = buildOfferModel(receipts.lines, { now: NOW, tuning: tuning({ similarity: 'lift', minLift: 1 }) });
    // lemon is only ever with tea (lift 3.0); milk is mostly elsewhere (lift 0.8 < 1: filtered).
    expect(model.neighbours.get('tea')?.map((n) => [n.item, Math.round(n.lift * 10) / 10])).toEqual([['lemon', 3]]);
  });

  it('weights repeat purchases by recency: with the same count, the recent one ranks first', () => {
    const receipts = new Receipts().times(3, 'me', 200, 'bread').times(3, 'me', 2, 'oat-milk');
    expect(rank(receipts, 'me', { k: 2 }).map((o) => o.item)).toEqual(['oat-milk', 'bread']);
  });

  it('lets frequency outweigh a little recency, as the tuned half-life says', () => {
    const receipts = new Receipts().times(10, 'me', 20, 'bread').times(1, 'me', 1, 'oat-milk');
    expect(rank(receipts, 'me', { k: 2 }).map((o) => o.item)).toEqual(['bread', 'oat-milk']);
  });

  it('ignores purchases after now', () => {
    const receipts = new Receipts().times(3, 'me', -5, 'soap').times(2, 'me', 10, 'bread');
    expect(rank(receipts, 'me').map((o) => o.item)).toEqual(['bread']);
  });

  it('never offers an excluded item nor names it as the reason', () => {
    const receipts = new Receipts().times(6, 'me', 1, 'cigarettes').times(6, 'a', 1, 'cigarettes', 'lighter');
    const offers = rank(receipts, 'me', { rules: rules({ excluded: new Set(['cigarettes']) }) });
    expect(offers.map((o) => o.item)).not.toContain('cigarettes');
    expect(offers.filter((o) => o.reason.kind === 'pairing')).toEqual([]);
    // Without the exclusion the same data does name it.
    expect(rank(receipts, 'me').map((o) => o.item)).toEqual(['cigarettes', 'lighter']);
  });

  it('skips items out of stock but still names them as the reason for a companion', () => {
    const receipts = new Receipts()
      .times(6, 'me', 1, 'espresso')
      .times(6, 'a', 1, 'espresso', 'croissant')
      .times(10, 'b', 1, 'soap');
    const offers = rank(receipts, 'me', {
      rules: rules({ stock: new Map([['espresso', 0]]) }),
      tuning: tuning({ popularWeight: 0 }),
    });
    expect(offers.map((o) => o.item)).not.toContain('espresso');
    expect(offers[0]).toMatchObject({ item: 'croissant', reason: { kind: 'pairing', anchor: 'espresso' } });
  });

  it('offers only items in the catalogue when one is given', () => {
    const receipts = new Receipts().times(3, 'me', 1, 'old-item', 'bread');
    const offers = rank(receipts, 'me', { rules: rules({ catalogue: new Set(['bread']) }) });
    expect(offers.map((o) => o.item)).toEqual(['bread']);
  });

  it('falls back to what is popular for a customer with no history', () => {
    const receipts = new Receipts()
      .times(5, 'a', 1, 'bread')
      .times(2, 'b', 1, 'bread', 'soap')
      .buy('c', 1, 'soap')
      .buy('c', 1, 'jam');
    const offers = rank(receipts, 'new');
    // bread: 2 buyers, 7 receipts; soap: 2 buyers, 3 receipts; jam: 1 buyer.
    expect(offers.map((o) => [o.item, o.reason.kind])).toEqual([
      ['bread', 'popular'],
      ['soap', 'popular'],
      ['jam', 'popular'],
    ]);
  });

  it('counts popularity by buyers, so one wholesaler’s many orders do not make an item a store favourite', () => {
    const receipts = new Receipts().times(40, 'wholesaler', 1, 'crate').buy('a', 1, 'milk').buy('b', 1, 'milk');
    expect(rank(receipts, 'new', { k: 1 }).map((o) => o.item)).toEqual(['milk']);
  });

  it('fills a short history with popular items after the customer’s own', () => {
    const receipts = new Receipts().buy('me', 3, 'jam').times(4, 'a', 1, 'bread').times(2, 'b', 1, 'soap');
    expect(rank(receipts, 'me').map((o) => [o.item, o.reason.kind])).toEqual([
      ['jam', 'repeat'],
      ['bread', 'popular'],
      ['soap', 'popular'],
    ]);
  });

  it('gives a running campaign the last place, choosing its item most relevant to the customer', () => {
    const receipts = new Receipts().times(5, 'me', 1, 'tea').times(3, 'me', 1, 'milk').times(2, 'me', 1, 'honey');
    const campaign: Campaign = {
      id: 'breakfast',
      title: 'Breakfast deal: 20% off',
      items: ['croissant', 'honey'],
      discountPercent: 20,
      startsAt: NOW - DAY_MS,
      endsAt: NOW + DAY_MS,
      priority: 1,
    };
    const offers = rank(receipts, 'me', { campaigns: [campaign] });
    expect(offers.map((o) => [o.item, o.reason.kind])).toEqual([
      ['tea', 'repeat'],
      ['milk', 'repeat'],
      ['honey', 'campaign'],
    ]);
    expect(offers[2]?.reason).toEqual({
      kind: 'campaign',
      campaignId: 'breakfast',
      title: 'Breakfast deal: 20% off',
      discountPercent: 20,
    });
    // Outside its dates it takes no place.
    const later = rank(receipts, 'me', { campaigns: [{ ...campaign, endsAt: NOW }] });
    expect(later.map((o) => o.reason.kind)).toEqual(['repeat', 'repeat', 'repeat']);
  });

  it('never shows a campaign whose discount is above the store’s maximum', () => {
    const receipts = new Receipts().times(2, 'me', 1, 'tea');
    const campaign: Campaign = {
      id: 'c',
      title: '50% off cake',
      items: ['cake'],
      discountPercent: 50,
      startsAt: null,
      endsAt: null,
      priority: 0,
    };
    expect(rank(receipts, 'me', { campaigns: [campaign] }).map((o) => o.item)).toContain('cake');
    const capped = rank(receipts, 'me', { campaigns: [campaign], rules: rules({ maxDiscountPercent: 30 }) });
    expect(capped.map((o) => o.item)).not.toContain('cake');
    const within = rank(receipts, 'me', {
      campaigns: [{ ...campaign, discountPercent: 30 }],
      rules: rules({ maxDiscountPercent: 30 }),
    });
    expect(within.map((o) => o.item)).toContain('cake');
  });

  it('ignores the audience while demographic targeting is off, which is the default', () => {
    expect(NO_RULES.demographicTargeting).toBe(false);
    const receipts = new Receipts().times(2, 'me', 1, 'tea');
    const forYoungWomen: Campaign = {
      id: 'c',
      title: 'New: lip balm',
      items: ['lip-balm'],
      discountPercent: null,
      startsAt: null,
      endsAt: null,
      priority: 0,
      audience: { ageBands: ['18-24'], genders: ['female'] },
    };
    const withAudience = rank(receipts, 'me', {
      campaigns: [forYoungWomen],
      audience: { ageBand: '65+', gender: 'male' },
    });
    const without = rank(receipts, 'me', { campaigns: [forYoungWomen] });
    expect(withAudience).toEqual(without);
    expect(withAudience.map((o) => o.item)).toContain('lip-balm');
  });

  it('targets campaigns by age band and gender only when a manager switched it on', () => {
    const receipts = new Receipts().times(2, 'me', 1, 'tea');
    const campaign: Campaign = {
      id: 'c',
      title: 'New: lip balm',
      items: ['lip-balm'],
      discountPercent: null,
      startsAt: null,
      endsAt: null,
      priority: 0,
      audience: { ageBands: ['18-24'], genders: ['female'] },
    };
    const on = rules({ demographicTargeting: true });
    const items = (audience?: Audience) =>
      rank(receipts, 'me', { campaigns: [campaign], rules: on, audience }).map((o) => o.item);
    expect(items({ ageBand: '18-24', gender: 'female' })).toContain('lip-balm');
    expect(items({ ageBand: '65+', gender: 'female' })).not.toContain('lip-balm');
    expect(items(undefined)).not.toContain('lip-balm');
  });

  it('has no way to pass an emotion: the audience schema refuses one', () => {
    expect(Audience.safeParse({ ageBand: '25-34', gender: 'female' }).success).toBe(true);
    expect(Audience.safeParse({ ageBand: '25-34', emotion: 'happy' }).success).toBe(false);
    expect(Audience.safeParse({ mood: 'sad' }).success).toBe(false);
  });

  it('keeps a place for something new when discovery slots are asked for', () => {
    const receipts = new Receipts()
      .times(5, 'me', 1, 'tea')
      .times(4, 'me', 1, 'milk')
      .times(3, 'me', 1, 'sugar')
      .times(5, 'a', 1, 'tea', 'lemon');
    const plain = rank(receipts, 'me', { tuning: tuning({ popularWeight: 0 }) });
    expect(plain.map((o) => o.item)).toEqual(['tea', 'milk', 'sugar']);
    const discovering = rank(receipts, 'me', { tuning: tuning({ popularWeight: 0, discoverySlots: 1 }) });
    expect(discovering.map((o) => [o.item, o.reason.kind])).toEqual([
      ['tea', 'repeat'],
      ['milk', 'repeat'],
      ['lemon', 'pairing'],
    ]);
  });

  it('returns nothing when asked for no offers', () => {
    expect(rank(new Receipts().buy('me', 1, 'tea'), 'me', { k: 0 })).toEqual([]);
  });
});
