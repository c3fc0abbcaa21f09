/**
 * Product name and version from the app's package.json. Read from the file rather than app.getVersion():
 * when Electron is started on the bundled main script (tests, development) it does not see package.json
 * and would report its own version.
 */
import { readFileSync } from 'node:fs';

export interface AppMetadata {
  readonly productName: string;
  readonly version: string;
}

export function readAppMetadata(packageJsonPath: string, fallback: AppMetadata): AppMetadata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  } catch {
    return fallback;
  }
  if (typeof parsed !== 'object' || parsed === null) return fallback;
  const productName = 'productName' in parsed && typeof parsed.productName === 'string' ? parsed.productName : null;
  const version = 'version' in parsed && typeof parsed.version === 'string' ? parsed.version : null;
  return { productName: productName ?? fallback.productName, version: version ?? fallback.version };
}
