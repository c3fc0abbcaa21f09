// electron-builder afterPack hook: flips the Electron fuses (scripts/dist-fuses.mjs) in the freshly packed binary,
// before signing and before the installers are made. Fails the build when the binary cannot be found, so a release
// never ships without its fuses.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { flipFuses } from '@electron/fuses';
import { KIOSK_FUSES, packedBinary } from './dist-fuses.mjs';

export function findLinuxBinary(appOutDir, executableName) {
  const named = path.join(appOutDir, executableName);
  if (existsSync(named)) return named;
  throw new Error(
    `afterPack: no Electron binary "${executableName}" in ${appOutDir} (found: ${readdirSync(appOutDir).join(', ')}).`,
  );
}

export async function afterPack(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  const binary =
    packedBinary(appOutDir, electronPlatformName, productFilename) ??
    findLinuxBinary(appOutDir, packager.executableName ?? packager.appInfo.sanitizedName);
  // macOS binaries are signed after this hook; resetAdHocDarwinSignature keeps an unsigned arm64 build runnable.
  await flipFuses(binary, { ...KIOSK_FUSES, resetAdHocDarwinSignature: electronPlatformName === 'darwin' });
  console.log(`  • fuses set in ${path.basename(binary)}`);
}

export default afterPack;
