// Staged rollout: writes `stagingPercentage: <n>` into the update feed files (release/latest*.yml) before they are
// uploaded to the chain's update server. electron-updater on each kiosk compares it with that installation's stable
// random id, so n % of the stores get the update first; raise it later by editing the file on the server.
//
//   node scripts/dist-staging.mjs 10            10 % of kiosks
//   node scripts/dist-staging.mjs 100 release/  everyone
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The feed text with stagingPercentage set (replaced when present); throws on a percentage outside 1..100. */
export function withStagingPercentage(yamlText, percent) {
  if (!Number.isInteger(percent) || percent < 1 || percent > 100) {
    throw new Error(`The staging percentage must be a whole number from 1 to 100, not "${percent}".`);
  }
  const line = `stagingPercentage: ${percent}`;
  if (/^stagingPercentage:.*$/m.test(yamlText)) return yamlText.replace(/^stagingPercentage:.*$/m, line);
  return `${yamlText.replace(/\n*$/, '\n')}${line}\n`;
}

export function feedFiles(dir) {
  return readdirSync(dir)
    .filter((name) => /^latest(-[a-z0-9]+)?\.yml$/.test(name))
    .map((name) => path.join(dir, name));
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const percent = Number(process.argv[2]);
  const dir = path.resolve(process.argv[3] ?? 'release');
  try {
    const files = feedFiles(dir);
    if (files.length === 0) throw new Error(`No latest*.yml in ${dir}: run \`npm run dist\` first.`);
    for (const file of files) {
      writeFileSync(file, withStagingPercentage(readFileSync(file, 'utf8'), percent));
      console.log(`${path.basename(file)}: stagingPercentage ${percent}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}
