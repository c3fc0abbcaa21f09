/**
 * The shape of `window.kiosk`, the API a preload exposes to its window through contextBridge.
 * Written once here: each preload builds an object that `satisfies KioskBridge<ItsRole>`, and the renderer's
 * client uses the same type, so the two can never disagree.
 */
import type { COMMAND_ACCESS, CommandName, EVENT_AUDIENCE, EventName, Role } from './access.js';
import type { CommandInput, CommandOutput } from './commands.js';
import type { Result } from './result.js';

/** Commands a role may call, as a type (mirrors COMMAND_ACCESS). */
export type CommandsOf<R extends Role> = {
  [K in CommandName]: R extends (typeof COMMAND_ACCESS)[K][number] ? K : never;
}[CommandName];

/** Events a role receives, as a type (mirrors EVENT_AUDIENCE). */
export type EventsOf<R extends Role> = {
  [K in EventName]: R extends (typeof EVENT_AUDIENCE)[K][number] ? K : never;
}[EventName];

export interface KioskBridge<R extends Role> {
  readonly role: R;
  call<K extends CommandsOf<R>>(command: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>>;
  /** Subscribe to every event this window receives; returns an unsubscribe function. */
  onEvent(listener: (event: EventsOf<R>, payload: unknown) => void): () => void;
}
