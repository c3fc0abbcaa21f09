/**
 * Who must be enrolled again for the running face model, on a real SQLite file; and that erasure and consent
 * withdrawal remove a customer's templates of every model, not only the running one's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import { recordConsent, withdrawConsent } from './consents.js';
import { createCustomer, customerSummary, listCustomers } from './customers.js';
import { eraseCustomerBiometrics } from './erasure.js';
import { customersNeedingReenrolment, markReenrolment, reenrolmentStatus } from './reenrolment.js';
import { addTemplates, countTemplates } from './templates.js';
import { openTestStore, type TestStore } from './testing.js';

const FACERES = 'human-faceres-3.3.6';
const DLIB = 'dlib-resnet128-face-api-1.7.15-chip1';

let store: TestStore;

function customer(id: string, consent: boolean): void {
  const { db, clock } = store;
  createCustomer(db, clock, { id, firstName: id, lastName: 'Test', email: `${id}@example.com` });
  if (consent) {
    recordConsent(db, clock, {
      customerId: id,
      textVersion: CURRENT_CONSENT_VERSION,
      recordedBy: 'm',
      thumbnailAgreed: false,
    });
  }
}

const unit = (size: number, at: number) => {
  const v = new Float32Array(size);
  v[at % size] = 1;
  return v;
};
const templates = (model: string, count: number) =>
  Array.from({ length: count }, (_, i) => unit(model === DLIB ? 128 : 1024, i));

beforeEach(() => {
  store = openTestStore();
});
afterEach(() => store.close());

describe('customers who must be enrolled again', () => {
  it('counts a customer with only FaceRes templates under the dlib model, and not once they have a dlib one', () => {
    const { db, clock } = store;
    customer('old', true);
    addTemplates(db, clock, 'old', FACERES, templates(FACERES, 3));
    customer('never', false);
    customer('current', true);
    addTemplates(db, clock, 'current', DLIB, templates(DLIB, 3));

    const status = reenrolmentStatus(db, DLIB);
    expect(status).toMatchObject({ modelId: DLIB, count: 1 });
    expect(status.message).toMatch(/^1 customer was enrolled with another face model/);
    expect(status.message).toMatch(/not recognised until they are enrolled again/);
    expect(status.message).toMatch(/Needs re-enrolment.*Enrol again/);
    // Under the FaceRes model (the fallback engine) it is the other way round.
    expect([...customersNeedingReenrolment(db, FACERES)]).toEqual(['current']);

    addTemplates(db, clock, 'old', DLIB, templates(DLIB, 3));
    expect(reenrolmentStatus(db, DLIB)).toEqual({ modelId: DLIB, count: 0, message: null });
    // Templates of both models: three samples, not six.
    expect(customerSummary(db, 'old')).toMatchObject({ enrolled: true, templates: 3 });
  });

  it('says how many in the plural, and leaves out customers whose consent was withdrawn', () => {
    const { db, clock } = store;
    for (const id of ['a', 'b', 'c']) {
      customer(id, true);
      addTemplates(db, clock, id, FACERES, templates(FACERES, 2));
    }
    expect(reenrolmentStatus(db, DLIB).message).toMatch(/^3 customers were enrolled .* and are not recognised/);
    withdrawConsent(db, clock, 'b', 'm');
    expect(reenrolmentStatus(db, DLIB).count).toBe(2);
  });

  it('marks them in the customer list once a model runs, and leaves the list alone before', () => {
    const { db, clock } = store;
    customer('old', true);
    addTemplates(db, clock, 'old', FACERES, templates(FACERES, 1));
    customer('current', true);
    addTemplates(db, clock, 'current', DLIB, templates(DLIB, 1));
    const list = listCustomers(db);
    const marked = markReenrolment(db, list, DLIB);
    expect(Object.fromEntries(marked.map((c) => [c.id, c.needsReenrolment]))).toEqual({ old: true, current: false });
    expect(markReenrolment(db, list, null).every((c) => c.needsReenrolment === undefined)).toBe(true);
  });
});

describe('removing a customer with templates of two models', () => {
  beforeEach(() => {
    const { db, clock } = store;
    for (const id of ['c1', 'c2']) {
      customer(id, true);
      addTemplates(db, clock, id, DLIB, templates(DLIB, 3));
      addTemplates(db, clock, id, FACERES, templates(FACERES, 3));
    }
  });

  it('erasure removes the templates of every model, and only that customer’s', () => {
    const outcome = eraseCustomerBiometrics(store.db, store.clock, 'c1', 'Morgan');
    expect(outcome.templates).toBe(6);
    expect(countTemplates(store.db, { customerId: 'c1' })).toBe(0);
    expect(countTemplates(store.db, { customerId: 'c2', modelId: DLIB })).toBe(3);
    expect(countTemplates(store.db, { customerId: 'c2', modelId: FACERES })).toBe(3);
  });

  it('withdrawing consent removes the templates of every model, and only that customer’s', () => {
    const outcome = withdrawConsent(store.db, store.clock, 'c1', 'Morgan');
    expect(outcome.templatesDeleted).toBe(6);
    expect(countTemplates(store.db, { customerId: 'c1' })).toBe(0);
    expect(countTemplates(store.db, { customerId: 'c2' })).toBe(6);
  });
});
