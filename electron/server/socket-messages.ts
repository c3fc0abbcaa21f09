/**
 * One window's WebSocket text message, turned into a core call: JSON, then the wire schema, then the core (whose
 * dispatcher checks the role and the payload). Shared by the loopback server and the LAN tablet server so that both
 * answer malformed input the same way, and neither can drift from the protocol in electron/contract/wire.ts.
 */
import type { RawData, WebSocket } from 'ws';
import type { Caller } from '../contract/dispatch.js';
import { fail } from '../contract/result.js';
import { ClientMessage, type ServerMessage } from '../contract/wire.js';
import type { Core } from '../core/core-api.js';

export function rawBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export function reply(ws: WebSocket, message: ServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

/** Answers one text message: a result with the call's id, or a `malformed_message` error with id null. */
export async function answerTextMessage(ws: WebSocket, core: Core, caller: Caller, data: RawData): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBytes(data).toString('utf8'));
  } catch {
    reply(ws, { type: 'result', id: null, result: fail('malformed_message', 'The message is not valid JSON.') });
    return;
  }
  const message = ClientMessage.safeParse(parsed);
  if (!message.success) {
    reply(ws, {
      type: 'result',
      id: null,
      result: fail('malformed_message', 'The message is not a call: expected {type:"call", id, command, payload}.'),
    });
    return;
  }
  const result = await core.call(caller, message.data.command, message.data.payload);
  reply(ws, { type: 'result', id: message.data.id, result });
}
