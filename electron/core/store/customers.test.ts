import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomerSummary } from '../../contract/dto.js';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import { recordConsent } from './consents.js';
import { createCustomer, customerSummary, getCustomer, listCustomers, requireCustomer } from './customers.js';
import { addTemplates } from './templates.js';
import { openTestStore, type TestStore } from './testing.js';

let store: TestStore;
beforeEach(() => {
  store = openTestStore();
  const { db, clock } = store;
  createCustomer(db, clock, { id: 'c1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
  createCustomer(db, clock, { id: 'c2', firstName: 'Alan', lastName: 'Turing', email: 'alan.t@example.com' });
  createCustomer(db, clock, { id: 'c3', firstName: 'Grace', lastName: "O'Hopper_100%", email: 'grace@example.com' });
});
afterEach(() => store.close());

describe('customers', () => {
  it('creates a customer with a random id when none is given', () => {
    const made = createCustomer(store.db, store.clock, {
      firstName: ' Joan ',
      lastName: 'Clarke',
      email: 'joan@example.com',
    });
    expect(made.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(getCustomer(store.db, made.id)).toEqual({
      id: made.id,
      firstName: 'Joan',
      lastName: 'Clarke',
      email: 'joan@example.com',
      createdAt: '2026-11-20T09:30:00.000Z',
    });
  });

  it('lists everyone sorted by last name when there is no query', () => {
    expect(listCustomers(store.db).map((c) => c.lastName)).toEqual(['Lovelace', "O'Hopper_100%", 'Turing']);
  });

  it('finds customers by part of a name, the full name or the e-mail, ignoring case', () => {
    expect(listCustomers(store.db, { query: 'LOVE' }).map((c) => c.id)).toEqual(['c1']);
    expect(listCustomers(store.db, { query: 'alan tur' }).map((c) => c.id)).toEqual(['c2']);
    expect(listCustomers(store.db, { query: 'alan.t@' }).map((c) => c.id)).toEqual(['c2']);
    expect(listCustomers(store.db, { query: 'nobody' })).toEqual([]);
  });

  it('treats % and _ in a query as the characters themselves', () => {
    expect(listCustomers(store.db, { query: '100%' }).map((c) => c.id)).toEqual(['c3']);
    expect(listCustomers(store.db, { query: '_' }).map((c) => c.id)).toEqual(['c3']);
    expect(listCustomers(store.db, { query: '%' }).map((c) => c.id)).toEqual(['c3']);
  });

  it('reports a customer as enrolled only with a current consent and at least one template', () => {
    const { db, clock } = store;
    expect(customerSummary(db, 'c1')).toMatchObject({ enrolled: false, templates: 0, consent: null });
    recordConsent(db, clock, {
      customerId: 'c1',
      textVersion: CURRENT_CONSENT_VERSION,
      recordedBy: 'manager',
      thumbnailAgreed: true,
    });
    expect(customerSummary(db, 'c1')).toMatchObject({ enrolled: false, templates: 0 });
    addTemplates(db, clock, 'c1', 'model-a', [new Float32Array([1, 0]), new Float32Array([0, 1])]);
    expect(customerSummary(db, 'c1')).toEqual({
      id: 'c1',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      enrolled: true,
      templates: 2,
      consent: {
        textVersion: CURRENT_CONSENT_VERSION,
        agreedAt: '2026-11-20T09:30:00.000Z',
        recordedBy: 'manager',
        thumbnailAgreed: true,
      },
    });
    expect(listCustomers(db).find((c) => c.id === 'c2')).toMatchObject({ enrolled: false, consent: null });
    for (const summary of listCustomers(db)) expect(CustomerSummary.parse(summary)).toEqual(summary);
  });

  it('names the missing id when a customer is required', () => {
    expect(() => requireCustomer(store.db, 'ghost')).toThrow(
      expect.objectContaining({ code: 'not_found', message: 'There is no customer with id "ghost".' }),
    );
    expect(customerSummary(store.db, 'ghost')).toBeNull();
  });
});
