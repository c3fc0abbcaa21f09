/**
 * What applying one message from the chain did: applied or ignored by a conflict rule (with the rule's reason),
 * and what the rest of the core must refresh after the commit. A message that breaks a rule the store cannot
 * resolve throws `SyncRejection`, and goes to the quarantine instead.
 */

export interface SyncEffects {
  /** Open orders changed: the staff board and the customer display refresh. */
  ordersChanged: boolean;
  /** Customers whose templates arrived: the gallery reloads them. */
  readonly enrolled: string[];
  /** Customers erased: the gallery, tracks and display forget them. */
  readonly erased: string[];
  catalogueChanged: boolean;
  campaignsChanged: boolean;
}

export function noEffects(): SyncEffects {
  return { ordersChanged: false, enrolled: [], erased: [], catalogueChanged: false, campaignsChanged: false };
}

export interface ApplyResult {
  readonly outcome: 'applied' | 'ignored';
  /** For 'ignored': which rule decided, as a sentence for the log. */
  readonly note: string | null;
}

export const applied: ApplyResult = { outcome: 'applied', note: null };

export function ignored(note: string): ApplyResult {
  return { outcome: 'ignored', note };
}

/** A valid message the store cannot apply (for example an order number already used here): quarantined. */
export class SyncRejection extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncRejection';
  }
}
