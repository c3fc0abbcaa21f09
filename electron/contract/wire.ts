/**
 * The browser-mode WebSocket protocol. Text messages are JSON validated here; a binary message from a
 * `capture` connection is a camera frame (JPEG bytes) and stands for `camera.pushFrame`.
 */
import { z } from 'zod';
import { ERROR_CODES } from './result.js';

export const ClientMessage = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  command: z.string().min(1).max(100),
  payload: z.unknown(),
});
export type ClientMessage = z.infer<typeof ClientMessage>;

const WireResult = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }) }),
]);

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int().nullable(), result: WireResult }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Path of the WebSocket endpoint for a window role; the server takes the role from the path, never from a message. */
export function wsPath(role: string): string {
  return `/ws/${role}`;
}
