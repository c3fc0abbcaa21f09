/**
 * The demo store's campaigns, day-parted the way a real corner shop would: breakfast in the morning, lunch on
 * weekdays, a weekend treat, and one that always runs so the loop is never without a campaign. Added once, on the
 * demo store's first start; a store's own campaigns (or synced ones) replace them.
 */
import type { Clock } from '../clock.js';
import type { WritableDb } from '../store/database.js';
import { upsertCampaign, type Campaign } from './campaigns.js';

const ALWAYS = { startsOn: null, endsOn: null, days: null, startTime: null, endTime: null } as const;

export const DEMO_CAMPAIGNS: readonly Campaign[] = [
  {
    ...ALWAYS,
    id: 'demo-breakfast',
    headline: 'Breakfast to go',
    body: 'A fresh croissant with any coffee, every morning until 11.',
    productId: 'croissant',
    startTime: '06:00',
    endTime: '11:00',
    priority: 30,
    active: true,
    source: 'local',
  },
  {
    ...ALWAYS,
    id: 'demo-lunch',
    headline: 'Lunch in a hurry?',
    body: 'Fresh sourdough and mature cheddar — ready when you are.',
    productId: 'sourdough-loaf',
    days: [1, 2, 3, 4, 5],
    startTime: '11:00',
    endTime: '14:30',
    priority: 20,
    active: true,
    source: 'local',
  },
  {
    ...ALWAYS,
    id: 'demo-weekend',
    headline: 'Weekend treat',
    body: 'Strawberries are in season: sweet, local, picked this week.',
    productId: 'strawberries',
    days: [0, 6],
    priority: 10,
    active: true,
    source: 'local',
  },
  {
    ...ALWAYS,
    id: 'demo-pickup',
    headline: 'Order ahead, skip the queue',
    body: 'Your pickup order waits at the counter — we will greet you when you arrive.',
    productId: null,
    priority: 0,
    active: true,
    source: 'local',
  },
];

export function seedDemoCampaigns(db: WritableDb, clock: Clock): number {
  db.transaction(() => {
    for (const campaign of DEMO_CAMPAIGNS) upsertCampaign(db, clock, campaign);
  })();
  return DEMO_CAMPAIGNS.length;
}
