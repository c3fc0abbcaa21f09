/**
 * Formatting for people: money, "arrived 2 min ago", order status sentences and short names.
 * Pure functions without DOM access, so they are unit-tested in Node and shared by every window.
 */
import type { OrderStatus } from '../../electron/contract/dto.js';
import { missingCaseError } from '../../electron/contract/result.js';

export interface MoneyFormat {
  /** BCP-47 locale used for digits and separators. */
  readonly locale: string;
  /** ISO-4217 currency code of the store. */
  readonly currency: string;
}

/** The store's seed data comes from a UK retailer, so pounds are the default. */
export const DEFAULT_MONEY_FORMAT: MoneyFormat = { locale: 'en-GB', currency: 'GBP' };

/** Money travels as integer cents (see dto.ts); this is the only place it becomes a string. */
export function formatMoney(cents: number, format: MoneyFormat = DEFAULT_MONEY_FORMAT): string {
  return new Intl.NumberFormat(format.locale, { style: 'currency', currency: format.currency }).format(cents / 100);
}

/** "just now", "1 min ago", "2 min ago", "1 h 5 min ago". A time in the future (clock skew) reads "just now". */
export function formatAgo(sinceIso: string, nowMs: number): string {
  const since = Date.parse(sinceIso);
  if (Number.isNaN(since)) return '';
  const seconds = Math.floor((nowMs - since) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h ago` : `${hours} h ${rest} min ago`;
}

/** The sentence the customer display shows about a pickup order. */
export function orderStatusSentence(orderNumber: number, status: OrderStatus): string {
  switch (status) {
    case 'preparing':
      return `Your order ${orderNumber} is being prepared`;
    case 'ready':
      return `Your order ${orderNumber} is ready for pickup at the counter`;
    case 'collected':
      return `Your order ${orderNumber} is collected — thank you!`;
    case 'cancelled':
      return `Your order ${orderNumber} was cancelled — please ask at the counter`;
    default:
      throw missingCaseError(status);
  }
}

/** A one-word label for staff screens. */
export function orderStatusLabel(status: OrderStatus): string {
  switch (status) {
    case 'preparing':
      return 'Preparing';
    case 'ready':
      return 'Ready';
    case 'collected':
      return 'Collected';
    case 'cancelled':
      return 'Cancelled';
    default:
      throw missingCaseError(status);
  }
}

/** "Anna K." — what a clerk calls out; the full name is shown beside it. */
export function firstNameAndInitial(firstName: string, lastName: string): string {
  const initial = lastName.trim().charAt(0).toUpperCase();
  return initial === '' ? firstName.trim() : `${firstName.trim()} ${initial}.`;
}

/** "2 of 3 samples" */
export function samplesProgress(samples: number, required: number): string {
  return `${samples} of ${required} sample${required === 1 ? '' : 's'}`;
}
