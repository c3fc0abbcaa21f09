/** How the sync's health reads to people, shared by the staff badge and the admin section. */
import type { SyncStatus } from '../../electron/contract/sync-dto.js';

export function syncSummary(
  status: SyncStatus,
  now: number,
): { tone: 'ok' | 'warn' | 'danger' | 'muted'; text: string } {
  const waiting = status.waiting === 1 ? '1 message waiting' : `${status.waiting} messages waiting`;
  const oldest =
    status.oldestWaitingAt === null
      ? ''
      : `, oldest ${Math.max(0, Math.round((now - Date.parse(status.oldestWaitingAt)) / 60_000))} min`;
  switch (status.state) {
    case 'off':
      return { tone: 'muted', text: 'Chain sync off (working offline)' };
    case 'connected':
      return status.waiting === 0
        ? { tone: 'ok', text: 'Synced with the chain' }
        : { tone: 'ok', text: `Syncing: ${waiting}${oldest}` };
    case 'connecting':
      return { tone: 'warn', text: `Connecting to the chain… ${waiting}${oldest}` };
    case 'offline':
      return { tone: 'danger', text: `Chain offline: ${waiting}${oldest}. Everything keeps working here.` };
  }
}
