import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../contract/sync-dto.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { memorySecretStore, type SecretStore } from '../secrets/secret-store.js';
import { SyncService } from './sync-service.js';
import { waitFor } from './testing.js';

let store: TestStore;
let service: SyncService;
let secrets: SecretStore;
const statuses: SyncStatus[] = [];

/** A loopback port with nothing listening: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const input = (brokerUrl: string) => ({
  storeId: 'store-7',
  brokerUrl,
  username: 'kiosk',
  password: 'pw-1',
  caPem: '',
  clientCertPem: '',
  rejectUnauthorized: true,
});

beforeEach(async () => {
  store = openTestStore();
  secrets = memorySecretStore();
  statuses.length = 0;
  service = new SyncService({
    db: store.db,
    clock: store.clock,
    logger: store.logger,
    secrets,
    version: 'test',
    cameras: () => [],
    onStatus: (status) => statuses.push(status),
    onApplied: () => undefined,
    options: { backoff: { initialMs: 50, maxMs: 200 }, statusThrottleMs: 10 },
  });
  await service.start();
});
afterEach(async () => {
  await service.stop();
  store.close();
});

describe('SyncService', () => {
  it('is off, with the default store id, until a broker is configured', async () => {
    expect(service.status()).toMatchObject({ state: 'off', storeId: 'demo-store', broker: null, waiting: 0 });
    expect(await service.settings()).toMatchObject({ brokerUrl: '', hasPassword: false, rejectUnauthorized: true });
  });

  it('stores the password as a secret, never shows it, and reports a broker it cannot reach', async () => {
    const port = await closedPort();
    const view = await service.updateSettings(input(`mqtt://127.0.0.1:${port}`));
    expect(view).toMatchObject({ storeId: 'store-7', username: 'kiosk', hasPassword: true });
    expect(JSON.stringify(view)).not.toContain('pw-1');
    expect(await secrets.get('sync.password')).toBe('pw-1');
    expect(JSON.stringify(store.db.prepare('SELECT * FROM settings').all())).not.toContain('pw-1');
    await waitFor(() => service.status().lastError !== null, 10_000, 'the connection error');
    expect(service.status()).toMatchObject({ broker: `mqtt://127.0.0.1:${port}`, storeId: 'store-7' });
    expect(service.status().state).not.toBe('connected');
    expect(service.status().lastError).toMatch(/ECONNREFUSED/);
    await waitFor(() => statuses.some((s) => s.state !== 'off'), 5000, 'a status event');
  });

  it('keeps the stored password when the form leaves it empty, and removes it when asked', async () => {
    const port = await closedPort();
    await service.updateSettings(input(`mqtt://127.0.0.1:${port}`));
    const { password: _kept, ...withoutPassword } = input(`mqtt://127.0.0.1:${port}`);
    expect((await service.updateSettings(withoutPassword)).hasPassword).toBe(true);
    expect((await service.updateSettings({ ...withoutPassword, password: '' })).hasPassword).toBe(false);
  });

  it('goes back to off when the broker address is cleared', async () => {
    const port = await closedPort();
    await service.updateSettings(input(`mqtt://127.0.0.1:${port}`));
    await service.updateSettings({ ...input(''), password: '' });
    expect(service.status().state).toBe('off');
  });
});
