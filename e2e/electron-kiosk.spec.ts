/**
 * The kiosk behaviours in the real Electron shell: the customer display is locked (closing shortcuts do nothing,
 * the window cannot be closed) until a manager unlocks it from the admin window with the password; a crashed page
 * is restarted by the watchdog; the screen list reaches the admin window. Skipped where no Electron binary is
 * installed (as here, without Electron's download); the same rules are unit-tested in electron/main/*.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ELECTRON_CLIP, MAIN_BUNDLE, whyElectronCannotRun } from './support/electron-app.js';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const mainBundle = MAIN_BUNDLE;
const clip = ELECTRON_CLIP;

type Result = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
type PageGlobals = { kiosk?: { call(command: string, input: unknown): Promise<Result> } };

const skipReason = whyElectronCannotRun();
if (skipReason !== null) console.log(`e2e/electron-kiosk.spec.ts SKIPPED: ${skipReason}`);

async function windowByTitle(app: ElectronApplication, suffix: string): Promise<Page> {
  for (const page of app.windows())
    if ((await page.title()).endsWith(suffix) || page.url().endsWith(suffix.toLowerCase())) return page;
  throw new Error(`no ${suffix} window`);
}

const call = (page: Page, command: string, input: unknown = {}) =>
  page.evaluate(([c, i]) => (globalThis as PageGlobals).kiosk?.call(c as string, i) ?? null, [command, input] as const);

test.describe('Electron kiosk behaviours', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  test('locks the customer display until a manager unlocks it, and restarts a crashed page', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-electron-kiosk-'));
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    const app = await electron.launch({
      args: [...rootArgs, mainBundle, '--data-dir', dataDir, '--camera', clip],
      timeout: 120_000,
    });
    try {
      await expect.poll(() => app.windows().length, { timeout: 120_000 }).toBe(3);
      const admin = await windowByTitle(app, '/admin');
      expect(
        (await call(admin, 'auth.setupManager', { username: 'manager', password: 'correct horse battery' }))?.ok,
      ).toBe(true);

      // The screens the shell sees reach the admin window.
      const state = (await call(admin, 'kiosk.state')) as Result;
      expect((state.value as { displays: unknown[]; locked: boolean }).displays.length).toBeGreaterThan(0);
      expect((state.value as { locked: boolean }).locked).toBe(true);

      // Ctrl+W and Alt+F4 are swallowed, and closing the locked window is refused.
      await app.evaluate(({ BrowserWindow }) => {
        const customer = BrowserWindow.getAllWindows().find((w) => w.getTitle().endsWith('Customer display'));
        for (const keyCode of ['W', 'F4']) {
          customer?.webContents.sendInputEvent({
            type: 'keyDown',
            keyCode,
            modifiers: keyCode === 'W' ? ['control'] : ['alt'],
          });
        }
        customer?.close();
      });
      await expect.poll(() => app.windows().length).toBe(3);

      // A wrong password keeps it locked; the right one unlocks it.
      expect((await call(admin, 'kiosk.unlock', { password: 'wrong password' }))?.error?.code).toBe('unauthenticated');
      expect(
        ((await call(admin, 'kiosk.unlock', { password: 'correct horse battery' }))?.value as { locked: boolean })
          .locked,
      ).toBe(false);

      // The watchdog reloads a crashed customer display.
      await app.evaluate(({ BrowserWindow }) => {
        BrowserWindow.getAllWindows()
          .find((w) => w.getTitle().endsWith('Customer display'))
          ?.webContents.forcefullyCrashRenderer();
      });
      await expect
        .poll(
          () =>
            app.evaluate(
              ({ BrowserWindow }) =>
                BrowserWindow.getAllWindows()
                  .find((w) => w.getTitle().endsWith('Customer display'))
                  ?.webContents.isCrashed() ?? true,
            ),
          {
            timeout: 30_000,
          },
        )
        .toBe(false);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
