/**
 * The one gate every call passes, whatever the transport: known command, caller's role allowed,
 * payload valid against the schema, handler errors turned into Results. Electron IPC and the
 * WebSocket server both call the core through this, so the rules cannot drift apart.
 */
import { COMMAND_ACCESS, isCommandName, mayCall, type CommandName, type Role } from './access.js';
import { COMMANDS, type CommandInput, type CommandOutput } from './commands.js';
import { CommandError, fail, ok, type Result } from './result.js';

export interface Caller {
  readonly role: Role;
  /** Stable for one window connection; sign-in state is kept per connection. */
  readonly connectionId: string;
}

export type Handler<K extends CommandName> = (
  input: CommandInput<K>,
  caller: Caller,
) => CommandOutput<K> | Promise<CommandOutput<K>>;

export type Handlers = { [K in CommandName]: Handler<K> };

export interface DispatchLog {
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function describeIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export async function dispatch(
  handlers: Handlers,
  caller: Caller,
  command: string,
  payload: unknown,
  log: DispatchLog,
): Promise<Result<unknown>> {
  if (!isCommandName(command)) {
    return fail('unknown_command', `There is no command "${command.slice(0, 100)}".`);
  }
  if (!mayCall(caller.role, command)) {
    log.warn('refused command from a window that may not call it', { command, role: caller.role });
    return fail(
      'forbidden',
      `The ${caller.role} window may not call "${command}" (allowed: ${COMMAND_ACCESS[command].join(', ')}).`,
    );
  }
  const spec = COMMANDS[command];
  const parsed = spec.input.safeParse(payload ?? {});
  if (!parsed.success) {
    return fail('invalid_payload', `Invalid input for "${command}": ${describeIssues(parsed.error)}`);
  }
  try {
    // The handler map is keyed by the same name, so the input type matches; TypeScript cannot correlate the two.
    const handler = handlers[command] as Handler<CommandName>;
    const value = await handler(parsed.data as never, caller);
    return ok(value);
  } catch (error) {
    if (error instanceof CommandError) return fail(error.code, error.message);
    log.error('command failed', { command, error: error instanceof Error ? error.stack : String(error) });
    return fail('internal', `"${command}" failed unexpectedly; the details are in the log. Please try again.`);
  }
}
