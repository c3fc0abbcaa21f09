/** The benchmark sections `npm run bench` runs, in order. A feature adds its section by appending it here. */
import { camerasSection } from './cameras.js';
import { matchSection } from './match.js';
import { modelsSection } from './pipeline-models.js';
import { offersSection } from './offers.js';
import { pipelineSection } from './pipeline.js';
import type { BenchSection } from './section.js';
import { syncSection } from './sync.js';

export const SECTIONS: readonly BenchSection[] = [
  camerasSection,
  offersSection,
  syncSection,
  pipelineSection,
  modelsSection,
  matchSection,
];
