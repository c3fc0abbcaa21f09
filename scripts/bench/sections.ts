/** The benchmark sections `npm run bench` runs, in order. A feature adds its section by appending it here. */
import type { BenchSection } from './section.js';

export const SECTIONS: readonly BenchSection[] = [];
