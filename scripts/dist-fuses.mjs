// The Electron fuses of the packaged kiosk, in one place: what the afterPack hook writes into the binary and what
// scripts/dist-config.test.ts checks. Each fuse is a switch compiled into Electron that no argument or environment
// variable can turn back.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** @type {import('@electron/fuses').FuseV1Config} */
export const KIOSK_FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the kiosk binary into a plain Node.js.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and the other Chromium stores are encrypted with the OS key (DPAPI, Keychain, libsecret).
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS and --inspect, --inspect-brk are ignored.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder recorded (macOS and Windows), and only app.asar is loaded.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // file:// gets no extra privileges: our pages come from app://kiosk.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The Electron binary inside a packed app folder, per platform (electron-builder's afterPack context). */
export function packedBinary(appOutDir, platformName, productFilename) {
  switch (platformName) {
    case 'darwin':
    case 'mas':
      return `${appOutDir}/${productFilename}.app`;
    case 'win32':
      return `${appOutDir}/${productFilename}.exe`;
    default:
      // Linux: electron-builder names the binary after the package ("smart-store-kiosk").
      return null;
  }
}
