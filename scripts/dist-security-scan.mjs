// Electron security scan over the BUILT main process and preloads (part of `npm run lint`). It bundles
// electron/main/main.ts and electron/preload/*.ts with the same esbuild options as scripts/build.mjs into a temporary
// folder, then:
//   1. runs our own checklist scan (always): the red flags of Electron's security checklist in the shipped code —
//      nodeIntegration true, contextIsolation false, sandbox false, webSecurity false, allowRunningInsecureContent,
//      experimentalFeatures, enableBlinkFeatures, webviewTag true, shell.openExternal, ipcRenderer exposed to pages,
//      certificate errors ignored, remote module;
//   2. runs @doyensec/electronegativity when it is installed (a devDependency: `npm i -D @doyensec/electronegativity@1.10.3`),
//      or with KIOSK_SCAN_NPX=1 through `npx --yes @doyensec/electronegativity@1.10.3` (needs the npm registry).
// Accepted findings are listed with a reason in scripts/dist-security-baseline.json; any other finding fails (exit 1).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ELECTRONEGATIVITY = '@doyensec/electronegativity@1.10.3';

/** Checklist red flags: [id, pattern, what it means]. Patterns match esbuild's output (unminified). */
export const RED_FLAGS = [
  [
    'NODE_INTEGRATION',
    /\bnodeIntegration(?:InWorker|InSubFrames)?\s*:\s*(?:true|!0)\b/,
    'Node.js exposed to a page (nodeIntegration: true)',
  ],
  [
    'CONTEXT_ISOLATION',
    /\bcontextIsolation\s*:\s*(?:false|!1)\b/,
    'preload and page share one JavaScript world (contextIsolation: false)',
  ],
  ['SANDBOX', /\bsandbox\s*:\s*(?:false|!1)\b/, 'renderer not sandboxed (sandbox: false)'],
  ['WEB_SECURITY', /\bwebSecurity\s*:\s*(?:false|!1)\b/, 'same-origin policy off (webSecurity: false)'],
  [
    'INSECURE_CONTENT',
    /\ballowRunningInsecureContent\s*:\s*(?:true|!0)\b/,
    'http content on https pages (allowRunningInsecureContent)',
  ],
  ['EXPERIMENTAL_FEATURES', /\bexperimentalFeatures\s*:\s*(?:true|!0)\b/, 'experimental Chromium features on'],
  ['BLINK_FEATURES', /\benableBlinkFeatures\s*:/, 'extra Blink features enabled (enableBlinkFeatures)'],
  ['WEBVIEW_TAG', /\bwebviewTag\s*:\s*(?:true|!0)\b/, '<webview> allowed (webviewTag: true)'],
  ['OPEN_EXTERNAL', /\bopenExternal\s*\(/, 'shell.openExternal: never with input from a page'],
  ['IPC_RENDERER_EXPOSED', /exposeInMainWorld\s*\([^)]*\bipcRenderer\b(?!\.)/s, 'ipcRenderer itself handed to a page'],
  [
    'IPC_RENDERER_PROPERTY',
    /\bipcRenderer\s*:\s*(?:import_electron\d*\.)?ipcRenderer\b/,
    'ipcRenderer put on an exposed object',
  ],
  [
    'CERTIFICATE_ERRORS',
    /ignore-certificate-errors|setCertificateVerifyProc|['"]certificate-error['"]/,
    'TLS certificate errors ignored or overridden',
  ],
  ['REMOTE_MODULE', /\benableRemoteModule\s*:\s*(?:true|!0)\b|@electron\/remote/, 'the remote module'],
  ['INSECURE_URL', /\bloadURL\s*\(\s*['"`]http:/, 'a window loading plain http'],
];

/** Findings of our checklist scan in one built file: { id, file, line, text, meaning }. */
export function scanSource(file, text) {
  const findings = [];
  for (const [id, pattern, meaning] of RED_FLAGS) {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (const match of text.matchAll(global)) {
      const line = text.slice(0, match.index).split('\n').length;
      findings.push({ id, file, line, text: match[0].slice(0, 120), meaning });
    }
  }
  return findings;
}

/** Findings not accepted by the baseline (matched by id and file). */
export function newFindings(findings, baseline) {
  return findings.filter(
    (finding) =>
      !baseline.some(
        (accepted) => accepted.id === finding.id && (accepted.file === '*' || accepted.file === finding.file),
      ),
  );
}

async function bundleShell(out) {
  const { build } = await import('esbuild');
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
    absWorkingDir: root,
  };
  const external = [
    'electron',
    'better-sqlite3',
    'sharp',
    'onnxruntime-node',
    '@vladmandic/human',
    '@tensorflow/*',
    'ws',
    'bufferutil',
    'utf-8-validate',
    'electron-updater',
  ];
  const tasks = [
    build({
      ...common,
      external,
      entryPoints: ['electron/main/main.ts'],
      outfile: path.join(out, 'main.js'),
      define: { 'import.meta.url': '"file:///main.js"' },
    }),
  ];
  for (const name of readdirSync(path.join(root, 'electron/preload'))) {
    if (!name.endsWith('.ts') || name.includes('.test.') || name === 'bridge-factory.ts') continue;
    tasks.push(
      build({
        ...common,
        external: ['electron'],
        entryPoints: [`electron/preload/${name}`],
        outfile: path.join(out, `preload-${name.replace(/\.ts$/, '')}.js`),
      }),
    );
  }
  await Promise.all(tasks);
  // The pages' HTML, so electronegativity sees what the windows load.
  for (const role of readdirSync(path.join(root, 'renderer'))) {
    const html = path.join(root, 'renderer', role, 'index.html');
    if (existsSync(html)) copyFileSync(html, path.join(out, `${role}.html`));
  }
}

function electronegativityCommand() {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('@doyensec/electronegativity/package.json');
    const bin = JSON.parse(readFileSync(pkg, 'utf8')).bin;
    const rel = typeof bin === 'string' ? bin : bin.electronegativity;
    return [process.execPath, [path.join(path.dirname(pkg), rel)]];
  } catch {
    if (process.env.KIOSK_SCAN_NPX === '1')
      return [process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--yes', ELECTRONEGATIVITY]];
    return null;
  }
}

/** Parses electronegativity's CSV report into findings (id, file, line). */
export function parseElectronegativityCsv(csv) {
  return csv
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells =
        line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '')) ?? [];
      return {
        id: cells[0] ?? '',
        file: cells[3] === 'N/A' ? '*' : path.basename(cells[3] ?? ''),
        line: Number((cells[4] ?? '0').split(':')[0]),
        text: cells[6] ?? '',
        meaning: cells[6] ?? '',
      };
    });
}

/** Bundles the shell into a temporary folder and runs our checklist scan over it (electronegativity aside). */
export async function scanBuiltShell() {
  const out = mkdtempSync(path.join(os.tmpdir(), 'kiosk-security-scan-'));
  try {
    await bundleShell(out);
    const files = readdirSync(out).filter((name) => name.endsWith('.js'));
    return { files, findings: files.flatMap((name) => scanSource(name, readFileSync(path.join(out, name), 'utf8'))) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function main() {
  const baseline = JSON.parse(readFileSync(path.join(root, 'scripts/dist-security-baseline.json'), 'utf8')).accepted;
  const out = mkdtempSync(path.join(os.tmpdir(), 'kiosk-security-scan-'));
  let failed = false;
  try {
    await bundleShell(out);
    const files = readdirSync(out).filter((name) => name.endsWith('.js'));
    const ours = files.flatMap((name) => scanSource(name, readFileSync(path.join(out, name), 'utf8')));
    const fresh = newFindings(ours, baseline);
    console.log(
      `Electron checklist scan: ${files.length} built files, ${ours.length} finding(s), ${fresh.length} new.`,
    );
    for (const finding of fresh)
      console.log(`  NEW ${finding.id} ${finding.file}:${finding.line}  ${finding.meaning}  [${finding.text}]`);
    failed ||= fresh.length > 0;

    const command = electronegativityCommand();
    if (command === null) {
      console.log(
        `electronegativity: not installed, skipped (add ${ELECTRONEGATIVITY} as a devDependency, or set KIOSK_SCAN_NPX=1).`,
      );
    } else {
      const report = path.join(out, 'electronegativity.csv');
      const result = spawnSync(command[0], [...command[1], '-i', out, '-r', '-v', 'false', '-o', report], {
        encoding: 'utf8',
        timeout: 300_000,
      });
      if (!existsSync(report)) {
        console.log(
          `electronegativity did not run: ${(result.stderr || result.error?.message || 'no report').split('\n').slice(-3).join(' ')}`,
        );
        failed = true;
      } else {
        const findings = parseElectronegativityCsv(readFileSync(report, 'utf8'));
        const freshE = newFindings(findings, baseline);
        console.log(`electronegativity: ${findings.length} finding(s), ${freshE.length} new.`);
        for (const finding of freshE)
          console.log(`  NEW ${finding.id} ${finding.file}:${finding.line}  ${finding.meaning}`);
        failed ||= freshE.length > 0;
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  if (failed) {
    console.log(
      'Fix the new finding, or, if it is intended, add it to scripts/dist-security-baseline.json with the reason.',
    );
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
