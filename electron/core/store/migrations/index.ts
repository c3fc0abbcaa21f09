/** Every schema migration in the order it runs. Add a new file `NNN_name.ts` and append it here. */
import type { Migration } from '../migrate.js';
import { migration001 } from './001_initial.js';
import { migration002 } from './002_visit_alerts.js';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002];
