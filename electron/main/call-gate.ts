/**
 * The shell's check of every IPC call before it reaches the core: the sender is a window we created,
 * its main frame is on exactly `app://kiosk`, and its role may call the command. The core checks the
 * role again (defence in depth); refusals use the same Result shape the core returns.
 */
import { COMMAND_ACCESS, isCommandName, mayCall, type CommandName, type Role } from '../contract/access.js';
import { fail, ok, type Result } from '../contract/result.js';
import { isAppOrigin } from './app-origin.js';

export interface CallSender {
  /** The role the sending webContents was created for, or null when the shell did not create it. */
  readonly role: Role | null;
  /** `event.senderFrame.origin`; null when the frame is gone. */
  readonly frameOrigin: string | null;
  readonly isMainFrame: boolean;
}

export interface AuthorizedCall {
  readonly role: Role;
  readonly command: CommandName;
}

export function authorizeCall(sender: CallSender, command: unknown): Result<AuthorizedCall> {
  if (sender.role === null) return fail('forbidden', 'This window is not one of the kiosk windows.');
  if (!isAppOrigin(sender.frameOrigin)) {
    return fail('forbidden', 'Calls are accepted only from pages of the kiosk app itself.');
  }
  if (!sender.isMainFrame) return fail('forbidden', 'Calls are accepted only from the main frame of a window.');
  if (typeof command !== 'string' || !isCommandName(command)) {
    const shown = typeof command === 'string' ? command.slice(0, 100) : typeof command;
    return fail('unknown_command', `There is no command "${shown}".`);
  }
  if (!mayCall(sender.role, command)) {
    return fail(
      'forbidden',
      `The ${sender.role} window may not call "${command}" (allowed: ${COMMAND_ACCESS[command].join(', ')}).`,
    );
  }
  return ok({ role: sender.role, command });
}
