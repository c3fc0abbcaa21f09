/**
 * One message from the chain, start to end: size, topic, JSON, envelope, addressee and body are checked before
 * anything touches the database; then, in one transaction, the id is looked up in the inbox, the kind's rule is
 * applied and the id is remembered. Whatever fails is quarantined with the reason and the stream goes on: this
 * function never throws, because the broker must get its acknowledgement either way.
 */
import type { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { WritableDb } from '../store/database.js';
import { applyCampaign, applyCatalogue } from './apply-catalogue.js';
import { applyEnrolment, applyErasure } from './apply-identity.js';
import { applyOrder, applyOrderCancel } from './apply-orders.js';
import { noEffects, SyncRejection, type ApplyResult, type SyncEffects } from './apply-result.js';
import { alreadySeen, quarantine, rememberSeen } from './inbox.js';
import { DOWN_BODIES, Envelope, type DownMessage } from './messages.js';
import { parseDownTopic } from './topics.js';

/** Larger payloads are refused unread: a full catalogue of 5,000 products is about 0.6 MB. */
export const MAX_DOWN_BYTES = 2 * 1024 * 1024;

export interface ReceiveDeps {
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly storeId: string;
  readonly maxBytes?: number;
}

export interface ReceiveOutcome {
  readonly status: 'applied' | 'ignored' | 'duplicate' | 'quarantined';
  readonly id: string | null;
  readonly kind: string | null;
  /** Why it was ignored or quarantined. */
  readonly reason: string | null;
  readonly effects: SyncEffects;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function applyMessage(db: WritableDb, clock: Clock, message: DownMessage, effects: SyncEffects): ApplyResult {
  switch (message.kind) {
    case 'order':
      return applyOrder(db, clock, message.body, effects);
    case 'order-cancel':
      return applyOrderCancel(db, clock, message.body, effects);
    case 'catalogue':
      return applyCatalogue(db, message.body, effects);
    case 'campaign':
      return applyCampaign(db, clock, message.body, effects);
    case 'enrolment':
      return applyEnrolment(db, clock, message.body, effects);
    case 'erasure':
      return applyErasure(db, clock, message.body, effects);
  }
}

/** Kinds whose payload may hold face templates: no excerpt of them is ever kept in the quarantine. */
const NO_EXCERPT: readonly string[] = ['enrolment'];

export function receive(deps: ReceiveDeps, topic: string, payload: Buffer): ReceiveOutcome {
  const { db, clock, logger } = deps;
  const now = clock.now();
  const topicKind = topic.split('/').pop() ?? '';
  let id: string | null = null;
  let kind: string | null = null;

  const reject = (reason: string): ReceiveOutcome => {
    try {
      quarantine(db, {
        topic,
        messageId: id,
        kind,
        reason,
        payload,
        keepExcerpt: !NO_EXCERPT.includes(topicKind) && !NO_EXCERPT.includes(kind ?? ''),
        atMs: now,
      });
      if (id !== null) rememberSeen(db, { id, kind: kind ?? 'unknown', outcome: 'quarantined', atMs: now });
    } catch (error) {
      logger.error('could not quarantine a message', { topic, error: String(error) });
    }
    logger.warn('quarantined a message from the chain', { topic, id, reason });
    return { status: 'quarantined', id, kind, reason, effects: noEffects() };
  };

  const limit = deps.maxBytes ?? MAX_DOWN_BYTES;
  if (payload.byteLength > limit) {
    return reject(`The payload has ${payload.byteLength} bytes; the limit is ${limit}.`);
  }
  const parsedTopic = parseDownTopic(topic);
  if (!parsedTopic.ok) return reject(`Unexpected topic: ${parsedTopic.reason}.`);
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch (error) {
    return reject(`The payload is not JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) return reject(`The envelope is invalid: ${describe(envelope.error)}.`);
  id = envelope.data.id;
  kind = envelope.data.kind;
  if (alreadySeen(db, id)) return { status: 'duplicate', id, kind, reason: null, effects: noEffects() };

  const target = parsedTopic.topic;
  if (envelope.data.kind !== target.kind) {
    return reject(`The envelope says "${envelope.data.kind}" but the topic says "${target.kind}".`);
  }
  if (target.scope === 'store') {
    if (target.storeId !== deps.storeId || envelope.data.storeId !== deps.storeId) {
      return reject(
        `The message is addressed to store "${envelope.data.storeId ?? target.storeId}"; this is store "${deps.storeId}".`,
      );
    }
  } else if (envelope.data.storeId !== null) {
    return reject('A message on a chain-wide topic must have storeId null.');
  }
  const body = DOWN_BODIES[target.kind].safeParse(envelope.data.body);
  if (!body.success) return reject(`The ${target.kind} body is invalid: ${describe(body.error)}.`);
  // The schema for this kind parsed the body, so kind and body belong together.
  const message = { id, kind: target.kind, at: envelope.data.at, body: body.data } as DownMessage;

  const effects = noEffects();
  try {
    const result = db.transaction(() => {
      const outcome = applyMessage(db, clock, message, effects);
      rememberSeen(db, { id: message.id, kind: message.kind, outcome: outcome.outcome, atMs: now });
      return outcome;
    })();
    if (result.outcome === 'ignored') logger.info('ignored a message by rule', { id, kind, rule: result.note });
    return { status: result.outcome, id, kind, reason: result.note, effects };
  } catch (error) {
    const reason =
      error instanceof SyncRejection
        ? error.message
        : `It could not be applied: ${error instanceof Error ? error.message : String(error)}`;
    // The rolled-back transaction may have filled the effects; nothing of it was committed.
    return reject(reason);
  }
}
