/**
 * Run first in every window's entry. The pages have a strict CSP without 'unsafe-eval'; zod 4 would otherwise
 * probe `new Function` for its fast path, which the CSP blocks and reports as a violation on every page load.
 */
import { z } from 'zod';

export function prepareWindow(): void {
  z.config({ jitless: true });
}
