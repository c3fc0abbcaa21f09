/**
 * The pickup board's settings, stored with the other settings (electron/core/store/settings.ts): when tickets
 * turn amber and red, and whether a clerk must confirm a match before the customer display shows anything
 * personal. A missing or malformed value reads as its default, so a bad row never breaks the board.
 */
import type { BoardConfig } from '../../contract/dto.js';
import type { ReadableDb, WritableDb } from '../store/database.js';
import { getSetting, setSetting } from '../store/settings.js';
import { isTimeZone, systemTimeZone } from './local-time.js';

export const BOARD_SETTING_KEYS = {
  amberAfterMinutes: 'board.amberAfterMinutes',
  redAfterMinutes: 'board.redAfterMinutes',
  confirmMatches: 'board.confirmMatches',
} as const;

/** IANA time zone of the store (day-parting, "today"); the machine's zone when not set. */
export const STORE_TIME_ZONE_KEY = 'store.timeZone';

/** Kitchen display systems' usual thresholds; confirmation is on until the store turns it off. */
export const DEFAULT_BOARD_CONFIG: BoardConfig = { amberAfterMinutes: 5, redAfterMinutes: 8, confirmMatches: true };

function minutes(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 240 ? value : fallback;
}

export function readBoardConfig(db: ReadableDb): BoardConfig {
  const amber = minutes(getSetting(db, BOARD_SETTING_KEYS.amberAfterMinutes), DEFAULT_BOARD_CONFIG.amberAfterMinutes);
  const red = minutes(getSetting(db, BOARD_SETTING_KEYS.redAfterMinutes), DEFAULT_BOARD_CONFIG.redAfterMinutes);
  const confirm = getSetting(db, BOARD_SETTING_KEYS.confirmMatches);
  return {
    // A stored pair that contradicts itself falls back as a whole: red must come after amber.
    ...(red > amber
      ? { amberAfterMinutes: amber, redAfterMinutes: red }
      : {
          amberAfterMinutes: DEFAULT_BOARD_CONFIG.amberAfterMinutes,
          redAfterMinutes: DEFAULT_BOARD_CONFIG.redAfterMinutes,
        }),
    confirmMatches: typeof confirm === 'boolean' ? confirm : DEFAULT_BOARD_CONFIG.confirmMatches,
  };
}

/** Writes all three in one transaction (the schema validated them: whole minutes, red after amber). */
export function saveBoardConfig(db: WritableDb, config: BoardConfig): BoardConfig {
  db.transaction(() => {
    setSetting(db, BOARD_SETTING_KEYS.amberAfterMinutes, config.amberAfterMinutes);
    setSetting(db, BOARD_SETTING_KEYS.redAfterMinutes, config.redAfterMinutes);
    setSetting(db, BOARD_SETTING_KEYS.confirmMatches, config.confirmMatches);
  })();
  return readBoardConfig(db);
}

export function storeTimeZone(db: ReadableDb): string {
  const value = getSetting(db, STORE_TIME_ZONE_KEY);
  return typeof value === 'string' && isTimeZone(value) ? value : systemTimeZone();
}
