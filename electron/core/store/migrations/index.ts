/** Every schema migration in the order it runs. Add a new file `NNN_name.ts` and append it here. */
import type { Migration } from '../migrate.js';
import { migration001 } from './001_initial.js';
import { migration002 } from './002_visit_alerts.js';
import { migration003 } from './003_sync.js';
import { migration004 } from './004_pickup_board.js';
import { migration005 } from './005_audience_hourly.js';
import { migration006 } from './006_user_accounts.js';
import { migration007 } from './007_cameras.js';
import { migration008 } from './008_desktop.js';
import { migration009 } from './009_match_rejections.js';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
];
