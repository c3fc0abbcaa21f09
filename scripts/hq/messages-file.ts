/**
 * The JSON file `npm run hq -- publish --file …` reads: sections by kind (orders, cancellations, catalogue,
 * campaigns, enrolments, erasures), or a plain list of `{ kind, body, id?, scope? }`. Every body is checked
 * against the same schema the store uses, so a mistake is reported here, with where it is, before anything is sent.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CHAIN_WIDE_KINDS, DOWN_BODIES, isDownKind, type DownKind } from '../../electron/core/sync/messages.js';

export interface OutgoingMessage {
  readonly id: string;
  readonly kind: DownKind;
  /** 'chain' = every store (kiosk/v1/chain/down/<kind>); 'store' = the one store. */
  readonly scope: 'store' | 'chain';
  readonly body: unknown;
}

const SECTIONS: readonly (readonly [string, DownKind])[] = [
  ['catalogue', 'catalogue'],
  ['campaigns', 'campaign'],
  ['orders', 'order'],
  ['cancellations', 'order-cancel'],
  ['enrolments', 'enrolment'],
  ['erasures', 'erasure'],
];

const Listed = z.array(
  z
    .object({
      kind: z.string(),
      body: z.unknown(),
      id: z.string().optional(),
      scope: z.enum(['store', 'chain']).optional(),
    })
    .strict(),
);

export class HqFileError extends Error {}

function defaultScope(kind: DownKind): 'store' | 'chain' {
  return kind === 'order' || kind === 'order-cancel' ? 'store' : 'chain';
}

function checked(kind: DownKind, body: unknown, where: string): unknown {
  const parsed = DOWN_BODIES[kind].safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
    throw new HqFileError(`${where}: not a valid ${kind}${path}: ${issue?.message ?? 'invalid'}.`);
  }
  return body;
}

/** Reads messages from parsed JSON (see the module comment). */
export function messagesFrom(json: unknown): OutgoingMessage[] {
  if (Array.isArray(json) || (typeof json === 'object' && json !== null && 'messages' in json)) {
    const list = Listed.safeParse(Array.isArray(json) ? json : (json as { messages: unknown }).messages);
    if (!list.success) throw new HqFileError('The messages list must hold { kind, body, id?, scope? } objects.');
    return list.data.map((entry, index) => {
      if (!isDownKind(entry.kind)) throw new HqFileError(`Message ${index + 1}: unknown kind "${entry.kind}".`);
      const scope = entry.scope ?? defaultScope(entry.kind);
      if (scope === 'chain' && !CHAIN_WIDE_KINDS.includes(entry.kind)) {
        throw new HqFileError(`Message ${index + 1}: a ${entry.kind} goes to one store, not the whole chain.`);
      }
      return {
        id: entry.id ?? randomUUID(),
        kind: entry.kind,
        scope,
        body: checked(entry.kind, entry.body, `Message ${index + 1}`),
      };
    });
  }
  if (typeof json !== 'object' || json === null) throw new HqFileError('The file must hold a JSON object or list.');
  const record = json as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((key) => !SECTIONS.some(([name]) => name === key));
  if (unknownKeys.length > 0) {
    throw new HqFileError(
      `Unknown section(s) ${unknownKeys.join(', ')}; use ${SECTIONS.map(([name]) => name).join(', ')} or "messages".`,
    );
  }
  const out: OutgoingMessage[] = [];
  for (const [name, kind] of SECTIONS) {
    const value = record[name];
    if (value === undefined) continue;
    const items = Array.isArray(value) ? (value as unknown[]) : [value];
    items.forEach((body, index) => {
      out.push({ id: randomUUID(), kind, scope: defaultScope(kind), body: checked(kind, body, `${name}[${index}]`) });
    });
  }
  return out;
}

export function readMessagesFile(file: string): OutgoingMessage[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new HqFileError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new HqFileError(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  return messagesFrom(json);
}
