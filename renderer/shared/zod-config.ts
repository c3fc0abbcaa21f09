/**
 * Import this first in a window's entry, before anything that builds zod schemas. zod 4 decides at schema
 * construction (module load) whether to probe `new Function` for its fast path; under the pages' strict CSP that
 * probe is blocked and reported as a violation. `prepareWindow()` runs too late for schemas built at import time.
 */
import { z } from 'zod';

z.config({ jitless: true });
