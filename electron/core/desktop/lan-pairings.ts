/**
 * Clerks' tablets on the store's network: the manager turns LAN access on, opens a one-time code in the admin
 * window, the clerk types it on the tablet and the tablet gets a long random token it presents from then on.
 * Only a SHA-256 of each token is stored (table lan_pairings, migration 008), so a copy of the database cannot be used to pose as a tablet.
 * The manager can revoke a tablet at any time; turning LAN access off refuses every tablet at once.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { LanStatus } from '../../contract/desktop.js';
import { CommandError } from '../../contract/result.js';
import { isoAt, type Clock } from '../clock.js';
import type { EventHub } from '../event-hub.js';
import type { WritableDb } from '../store/database.js';
import { getSetting, setSetting } from '../store/settings.js';

export const LAN_ENABLED_KEY = 'lan.enabled';
/** A code is typed by a person: short, digits only, and valid for a few minutes and a few attempts. */
export const CODE_TTL_MS = 10 * 60 * 1000;
export const CODE_MAX_ATTEMPTS = 5;
export const MAX_PAIRINGS = 20;

interface PairingRow {
  readonly id: string;
  readonly label: string;
  readonly createdAt: string;
  readonly lastSeenAt: string | null;
}

interface OpenCode {
  readonly code: string;
  readonly label: string;
  readonly expiresAt: number;
  attempts: number;
}

export type RedeemOutcome =
  | { readonly ok: true; readonly token: string; readonly pairingId: string }
  | { readonly ok: false; readonly message: string };

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** What a host serving tablets needs: is LAN access on, redeem a code, check a token, say where it listens. */
export interface LanGate {
  enabled(): boolean;
  redeem(code: string): RedeemOutcome;
  verify(token: string): string | null;
  setUrls(urls: readonly string[]): void;
}

export class LanPairings implements LanGate {
  private code: OpenCode | null = null;
  private urls: string[] = [];

  constructor(
    private readonly db: WritableDb,
    private readonly clock: Clock,
    private readonly events: EventHub,
  ) {}

  enabled(): boolean {
    return getSetting(this.db, LAN_ENABLED_KEY) === true;
  }

  status(): LanStatus {
    const now = this.clock.now();
    if (this.code !== null && this.code.expiresAt <= now) this.code = null;
    return {
      enabled: this.enabled(),
      urls: this.enabled() ? this.urls : [],
      pairings: this.pairings(),
      code: this.code === null ? null : { code: this.code.code, expiresAt: isoAt(this.code.expiresAt) },
    };
  }

  setEnabled(enabled: boolean): LanStatus {
    setSetting(this.db, LAN_ENABLED_KEY, enabled);
    if (!enabled) this.code = null;
    return this.publish();
  }

  /** The host tells which addresses tablets can open (it knows the network interfaces). */
  setUrls(urls: readonly string[]): void {
    this.urls = [...urls];
    this.publish();
  }

  newCode(label: string): LanStatus {
    if (!this.enabled()) {
      throw new CommandError('conflict', 'Turn on "Serve the staff page to tablets" first, then open a code.');
    }
    if (this.pairings().length >= MAX_PAIRINGS) {
      throw new CommandError(
        'conflict',
        `At most ${MAX_PAIRINGS} tablets can be paired; revoke one you no longer use.`,
      );
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.code = { code, label, expiresAt: this.clock.now() + CODE_TTL_MS, attempts: 0 };
    return this.publish();
  }

  /** A tablet offers a code; the right one, in time, gives a token once. */
  redeem(offered: string): RedeemOutcome {
    const code = this.code;
    const now = this.clock.now();
    if (!this.enabled()) return { ok: false, message: 'This kiosk does not serve tablets at the moment.' };
    if (code === null || code.expiresAt <= now) {
      return { ok: false, message: 'There is no open pairing code. Ask the manager to open one in the admin window.' };
    }
    const a = Buffer.from(offered.padEnd(6).slice(0, 6));
    const b = Buffer.from(code.code);
    if (offered.length !== 6 || !timingSafeEqual(a, b)) {
      code.attempts += 1;
      // Guessing is capped: a wrong code too often closes it, and the manager opens a new one.
      if (code.attempts >= CODE_MAX_ATTEMPTS) {
        this.code = null;
        this.publish();
        return { ok: false, message: 'Too many wrong codes. Ask the manager to open a new one.' };
      }
      return { ok: false, message: 'That code is not right. Check the six digits in the admin window.' };
    }
    this.code = null;
    const token = randomBytes(32).toString('base64url');
    const id = randomBytes(8).toString('hex');
    this.db
      .prepare('INSERT INTO lan_pairings (id, label, token_hash, created_at) VALUES (?, ?, ?, ?)')
      .run(id, code.label, hashToken(token), isoAt(now));
    this.publish();
    return { ok: true, token, pairingId: id };
  }

  /** The pairing a token belongs to, or null (unknown, revoked, or LAN access off). Marks it as seen. */
  verify(token: string): string | null {
    if (!this.enabled() || token.length < 20 || token.length > 100) return null;
    const id = this.db
      .prepare<[string, string], string>('UPDATE lan_pairings SET last_seen_at = ? WHERE token_hash = ? RETURNING id')
      .pluck()
      .get(isoAt(this.clock.now()), hashToken(token));
    return id ?? null;
  }

  revoke(pairingId: string): LanStatus {
    const removed = this.db.prepare('DELETE FROM lan_pairings WHERE id = ?').run(pairingId).changes;
    if (removed === 0) throw new CommandError('not_found', 'That tablet is not paired (any more).');
    return this.publish();
  }

  private pairings(): PairingRow[] {
    return this.db
      .prepare<
        [],
        PairingRow
      >('SELECT id, label, created_at AS createdAt, last_seen_at AS lastSeenAt FROM lan_pairings ORDER BY created_at, id')
      .all();
  }

  private publish(): LanStatus {
    const status = this.status();
    this.events.emit('lan.changed', status);
    return status;
  }
}
