/**
 * The consent text a customer reads before enrolling in face recognition. Versioned: each consent
 * row stores the version the customer agreed to, so a changed text gets a new version and the old
 * one stays here unchanged for the record.
 */
import type { ConsentText } from '../../contract/dto.js';

export const CURRENT_CONSENT_VERSION = 'v1-2026-11';

const V1_2026_11 = `Face recognition at this store — please read before you agree

This is optional. You can shop and collect your orders just the same without it.

What we store
- A few "face templates": lists of numbers that our software calculates from photos taken at the counter today. We keep the numbers, not the photos. The photos are thrown away as soon as the numbers are made.
- Only if you tick the box for it: one small picture of your face, shown to our staff so they can recognise you when your order is ready.
- When the camera at the entrance recognises you: the time of your visit.
Everything stays on this store's computer. We do not send it anywhere and we do not sell or share it.

Why
- To greet you by name on the screen at the entrance and show you offers based on what you buy here.
- To tell our staff that you have arrived, so your pickup order is ready when you reach the counter.

People who have not agreed are never identified. The camera counts how many faces pass each hour, and nothing else about them is kept.

How long
Until you withdraw your consent. Then we delete your face templates, your picture and your visit times straight away. Your purchase history is kept as before.

How to withdraw
Ask any member of staff or the store manager at any time, or write to the store. It takes effect immediately and costs nothing.`;

const TEXTS: Readonly<Record<string, string>> = {
  [CURRENT_CONSENT_VERSION]: V1_2026_11,
};

/** The text customers are asked to agree to now. */
export function currentConsentText(): ConsentText {
  return { version: CURRENT_CONSENT_VERSION, text: V1_2026_11 };
}

/** The text of an earlier or current version, or null for a version this build does not know. */
export function consentTextFor(version: string): ConsentText | null {
  const text = Object.hasOwn(TEXTS, version) ? TEXTS[version] : undefined;
  return text === undefined ? null : { version, text };
}
