import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoStore } from '../demo/seed-demo-store.js';
import { advanceOrder } from '../store/orders.js';
import { encodeEmbedding } from '../store/templates.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { EXCERPT_BYTES } from './inbox.js';
import { receive, type ReceiveOutcome } from './receive.js';
import { memorySecretStore } from '../secrets/secret-store.js';
import { saveSettings } from './sync-settings.js';
import { chainDownTopic, storeDownTopic } from './topics.js';

let store: TestStore;
const STORE = 'store-1';

beforeEach(() => {
  store = openTestStore();
  seedDemoStore(store.db, { clock: store.clock });
});
afterEach(() => store.close());

function deliver(
  kind: string,
  body: unknown,
  options: { id?: string; storeId?: string | null; chain?: boolean } = {},
): ReceiveOutcome {
  const chain = options.chain ?? !['order', 'order-cancel'].includes(kind);
  const topic = chain ? chainDownTopic(kind as 'catalogue') : storeDownTopic(STORE, kind as 'order');
  const storeId = options.storeId !== undefined ? options.storeId : chain ? null : STORE;
  const payload = JSON.stringify({
    v: 1,
    id: options.id ?? randomUUID(),
    kind,
    storeId,
    at: '2026-11-20T09:00:00.000Z',
    body,
  });
  return receive(
    { db: store.db, clock: store.clock, logger: store.logger, storeId: STORE },
    topic,
    Buffer.from(payload),
  );
}

function order(n: number, extra: Record<string, unknown> = {}) {
  return {
    orderId: `web-${n}`,
    number: 8000 + n,
    customer: { id: 'web-cust', firstName: 'Grace', lastName: 'Hopper', email: 'g@example.com' },
    items: [{ productId: 'web-prod', name: 'Coffee beans', quantity: 1 }],
    placedAt: '2026-11-20T08:59:00.000Z',
    ...extra,
  };
}

const status = (n: number): unknown =>
  store.db
    .prepare('SELECT status FROM orders WHERE number = ?')
    .pluck()
    .get(8000 + n);

function template(seed: number): string {
  return encodeEmbedding(Float32Array.from({ length: 16 }, (_, i) => Math.sin(seed + i))).toString('base64');
}

function enrolment(agreedAt: string) {
  return {
    customer: { id: 'web-cust', firstName: 'Grace', lastName: 'Hopper', email: 'g@example.com' },
    consent: { textVersion: 'chain-1', agreedAt, recordedBy: 'Maria', recordedAtStore: 'store-9', chainWide: true },
    modelId: 'test-model',
    templates: [template(1), template(2)],
  };
}

describe('orders from the chain', () => {
  it('creates the order once, even when the same message is delivered twice', () => {
    const id = randomUUID();
    expect(deliver('order', order(1), { id }).status).toBe('applied');
    expect(deliver('order', order(1), { id }).status).toBe('duplicate');
    expect(store.db.prepare('SELECT COUNT(*) FROM orders WHERE number = 8001').pluck().get()).toBe(1);
    expect(status(1)).toBe('preparing');
  });

  it('moves status only forward: a late "preparing" copy of a ready order is ignored', () => {
    deliver('order', order(2, { status: 'ready' }));
    const late = deliver('order', order(2));
    expect(late.status).toBe('ignored');
    expect(late.reason).toMatch(/only moves forward/);
    expect(status(2)).toBe('ready');
  });

  it('lets the chain cancel a ready order', () => {
    deliver('order', order(3, { status: 'ready' }));
    expect(deliver('order-cancel', { orderId: 'web-3', cancelledAt: '2026-11-20T09:01:00.000Z' }).status).toBe(
      'applied',
    );
    expect(status(3)).toBe('cancelled');
  });

  it('never shows an order whose cancellation arrived first', () => {
    deliver('order-cancel', { orderId: 'web-4', cancelledAt: '2026-11-20T09:01:00.000Z' });
    expect(deliver('order', order(4)).status).toBe('ignored');
    expect(status(4)).toBeUndefined();
  });

  it('keeps a collected order collected when the cancellation comes too late', () => {
    deliver('order', order(5));
    const id = store.db.prepare('SELECT id FROM orders WHERE number = 8005').pluck().get() as number;
    advanceOrder(store.db, store.clock, id, 'ready', 'Sam');
    advanceOrder(store.db, store.clock, id, 'collected', 'Sam');
    expect(deliver('order-cancel', { orderId: 'web-5', cancelledAt: '2026-11-20T09:01:00.000Z' }).status).toBe(
      'ignored',
    );
    expect(status(5)).toBe('collected');
  });

  it('quarantines an order whose number is already used here', () => {
    const outcome = deliver('order', order(6, { number: 1041 }));
    expect(outcome.status).toBe('quarantined');
    expect(outcome.reason).toMatch(/Order number 1041 is already used/);
  });
});

describe('catalogue and campaigns', () => {
  const product = (price: number) => [
    { id: 'web-prod', name: 'Coffee beans', category: 'coffee & tea', priceCents: price },
  ];

  it('keeps the newest version of a product (last writer wins by chain version)', () => {
    expect(deliver('catalogue', { version: 3, products: product(300) }).status).toBe('applied');
    expect(deliver('catalogue', { version: 2, products: product(200) }).status).toBe('ignored');
    expect(deliver('catalogue', { version: 4, products: product(400) }).status).toBe('applied');
    expect(store.db.prepare("SELECT price_cents FROM products WHERE id = 'web-prod'").pluck().get()).toBe(400);
  });

  it('stores campaigns for the display and ignores an older version', () => {
    const campaign = (version: number, title: string) => ({
      campaignId: 'xmas',
      version,
      title,
      startsAt: '2026-11-20T00:00:00.000Z',
      endsAt: '2026-12-26T00:00:00.000Z',
    });
    deliver('campaign', campaign(2, 'Winter offers'));
    expect(deliver('campaign', campaign(1, 'Autumn offers')).status).toBe('ignored');
    expect(store.db.prepare("SELECT title FROM sync_campaigns WHERE id = 'xmas'").pluck().get()).toBe('Winter offers');
  });
});

describe('enrolments and erasures (erasure wins)', () => {
  it('stores a chain-wide enrolment with its consent and templates, without a thumbnail', () => {
    const outcome = deliver('enrolment', enrolment('2026-11-19T10:00:00.000Z'));
    expect(outcome.status).toBe('applied');
    expect(outcome.effects.enrolled).toEqual(['web-cust']);
    expect(store.db.prepare("SELECT COUNT(*) FROM face_templates WHERE customer_id = 'web-cust'").pluck().get()).toBe(
      2,
    );
    expect(store.db.prepare("SELECT recorded_by FROM consents WHERE customer_id = 'web-cust'").pluck().get()).toBe(
      'Maria (store store-9)',
    );
  });

  it('ignores an enrolment that arrives after an erasure of the same person', () => {
    deliver('erasure', { customerId: 'web-cust', erasedAt: '2026-11-20T08:00:00.000Z' });
    const late = deliver('enrolment', enrolment('2026-11-19T10:00:00.000Z'));
    expect(late.status).toBe('ignored');
    expect(late.reason).toMatch(/erased/);
    expect(store.db.prepare("SELECT COUNT(*) FROM face_templates WHERE customer_id = 'web-cust'").pluck().get()).toBe(
      0,
    );
  });

  it('erases an enrolled customer everywhere here and acknowledges it to the chain', async () => {
    await saveSettings(store.db, memorySecretStore(), {
      storeId: STORE,
      brokerUrl: 'mqtt://127.0.0.1:1',
      username: '',
      caPem: '',
      clientCertPem: '',
      rejectUnauthorized: true,
    });
    deliver('enrolment', enrolment('2026-11-19T10:00:00.000Z'));
    const outcome = deliver('erasure', { customerId: 'web-cust', erasedAt: '2026-11-20T08:00:00.000Z' });
    expect(outcome.effects.erased).toEqual(['web-cust']);
    expect(store.db.prepare("SELECT COUNT(*) FROM consents WHERE customer_id = 'web-cust'").pluck().get()).toBe(0);
    expect(store.db.prepare("SELECT body FROM sync_outbox WHERE kind = 'erasure'").pluck().get()).toContain(
      '"actor":"chain"',
    );
  });

  it('applies a newer consent given after the erasure (a real re-enrolment)', () => {
    deliver('erasure', { customerId: 'web-cust', erasedAt: '2026-11-20T08:00:00.000Z' });
    expect(deliver('enrolment', enrolment('2026-11-20T08:30:00.000Z')).status).toBe('applied');
  });

  it('quarantines templates that are not Float32 arrays, without keeping any of the payload', () => {
    const body = { ...enrolment('2026-11-19T10:00:00.000Z'), templates: ['AAAA', 'AAAAAAAA'] };
    expect(deliver('enrolment', body).status).toBe('quarantined');
    expect(store.db.prepare('SELECT excerpt FROM sync_quarantine').pluck().get()).toBeNull();
  });
});

describe('what is quarantined', () => {
  it('keeps the reason and a short excerpt, and remembers the id so a redelivery is not quarantined twice', () => {
    const id = randomUUID();
    expect(deliver('order', { orderId: 'x' }, { id }).status).toBe('quarantined');
    expect(deliver('order', { orderId: 'x' }, { id }).status).toBe('duplicate');
    const row = store.db.prepare('SELECT reason, excerpt FROM sync_quarantine').get() as {
      reason: string;
      excerpt: string;
    };
    expect(row.reason).toMatch(/order body is invalid/);
    expect(row.excerpt.length).toBeLessThanOrEqual(EXCERPT_BYTES);
  });

  it('refuses a message for another store on this store topic', () => {
    expect(deliver('order', order(7), { storeId: 'store-2' }).reason).toMatch(/addressed to store "store-2"/);
  });

  it('refuses a payload over the size limit unread', () => {
    const outcome = receive(
      { db: store.db, clock: store.clock, logger: store.logger, storeId: STORE, maxBytes: 1000 },
      chainDownTopic('catalogue'),
      Buffer.alloc(5000, 0x7b),
    );
    expect(outcome.reason).toBe('The payload has 5000 bytes; the limit is 1000.');
  });
});
