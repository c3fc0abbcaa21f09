/**
 * The MQTT topic scheme, version 1 (docs/sync.md):
 *   kiosk/v1/store/<storeId>/up/<kind>     store -> chain (visits, order status, enrolments, erasures, …)
 *   kiosk/v1/store/<storeId>/down/<kind>   chain -> one store (orders, cancellations, …)
 *   kiosk/v1/chain/down/<kind>             chain -> every store (catalogue, campaigns, enrolments, erasures)
 * The version is a topic level so a v2 can run beside v1 during a roll-out.
 */
import { CHAIN_WIDE_KINDS, isDownKind, type DownKind, type UpKind } from './messages.js';

export const TOPIC_ROOT = 'kiosk/v1';

export function upTopic(storeId: string, kind: UpKind): string {
  return `${TOPIC_ROOT}/store/${storeId}/up/${kind}`;
}

export function storeDownTopic(storeId: string, kind: DownKind): string {
  return `${TOPIC_ROOT}/store/${storeId}/down/${kind}`;
}

export function chainDownTopic(kind: DownKind): string {
  return `${TOPIC_ROOT}/chain/down/${kind}`;
}

/** What a store subscribes to. */
export function downSubscriptions(storeId: string): string[] {
  return [`${TOPIC_ROOT}/store/${storeId}/down/+`, `${TOPIC_ROOT}/chain/down/+`];
}

/** What the chain (or `npm run hq -- watch`) subscribes to for one store, or every store with '+'. */
export function upSubscription(storeId: string): string {
  return `${TOPIC_ROOT}/store/${storeId}/up/#`;
}

export type DownTopic =
  | { readonly scope: 'store'; readonly storeId: string; readonly kind: DownKind }
  | { readonly scope: 'chain'; readonly kind: DownKind };

/** Reads a down topic; a sentence for the quarantine when it is not one this version understands. */
export function parseDownTopic(topic: string): { ok: true; topic: DownTopic } | { ok: false; reason: string } {
  const parts = topic.split('/');
  if (parts[0] !== 'kiosk' || parts[1] !== 'v1') return { ok: false, reason: `"${topic}" is not a kiosk/v1 topic` };
  if (parts.length === 5 && parts[2] === 'chain' && parts[3] === 'down') {
    const kind = parts[4] ?? '';
    if (!isDownKind(kind)) return { ok: false, reason: `unknown message kind "${kind}"` };
    if (!CHAIN_WIDE_KINDS.includes(kind)) return { ok: false, reason: `"${kind}" cannot be sent to every store` };
    return { ok: true, topic: { scope: 'chain', kind } };
  }
  if (parts.length === 6 && parts[2] === 'store' && parts[4] === 'down') {
    const kind = parts[5] ?? '';
    if (!isDownKind(kind)) return { ok: false, reason: `unknown message kind "${kind}"` };
    return { ok: true, topic: { scope: 'store', storeId: parts[3] ?? '', kind } };
  }
  return { ok: false, reason: `"${topic}" is not a down topic` };
}
