/**
 * Routes window calls to the core and core events to windows. A call is accepted only from a window the
 * shell created, from its main frame on exactly `app://kiosk`, for a command its role may call
 * (call-gate.ts); the sender's role comes from the registry, never from the message.
 */
import { webContents, type IpcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS, type EventName } from '../contract/access.js';
import type { Result } from '../contract/result.js';
import type { Logger } from '../core/logger.js';
import { authorizeCall } from './call-gate.js';
import type { CoreProcess } from './core-process.js';
import type { WindowRegistry } from './window-registry.js';

export interface IpcRouterDeps {
  readonly ipcMain: IpcMain;
  readonly registry: WindowRegistry;
  readonly core: Pick<CoreProcess, 'call'>;
  readonly logger: Logger;
}

export interface IpcRouter {
  /** Sends a core event to every window whose role receives it. */
  deliver(event: EventName, payload: unknown): void;
  dispose(): void;
}

function isMainFrameOf(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  const main = event.sender.mainFrame;
  return frame !== null && frame.processId === main.processId && frame.routingId === main.routingId;
}

export function installIpcRouter({ ipcMain, registry, core, logger }: IpcRouterDeps): IpcRouter {
  ipcMain.handle(IPC_CHANNELS.call, async (event, command: unknown, payload: unknown): Promise<Result<unknown>> => {
    const senderId = event.sender.id;
    const role = registry.roleOf(senderId);
    const gate = authorizeCall(
      { role, frameOrigin: event.senderFrame?.origin ?? null, isMainFrame: isMainFrameOf(event) },
      command,
    );
    if (!gate.ok) {
      logger.warn('refused a window call', {
        role,
        code: gate.error.code,
        command: typeof command === 'string' ? command.slice(0, 100) : typeof command,
      });
      return gate;
    }
    return core.call(gate.value.role, registry.connectionIdOf(senderId), gate.value.command, payload);
  });

  return {
    deliver(name, payload) {
      for (const id of registry.audienceOf(name)) {
        const target = webContents.fromId(id);
        if (target !== undefined && !target.isDestroyed()) target.send(IPC_CHANNELS.event, name, payload);
      }
    },
    dispose() {
      ipcMain.removeHandler(IPC_CHANNELS.call);
    },
  };
}
