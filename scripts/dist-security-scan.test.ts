import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Finding {
  id: string;
  file: string;
  line: number;
}
interface ScanModule {
  RED_FLAGS: [string, RegExp, string][];
  scanSource(file: string, text: string): Finding[];
  newFindings(findings: Finding[], baseline: { id: string; file: string }[]): Finding[];
  parseElectronegativityCsv(csv: string): Finding[];
  scanBuiltShell(): Promise<{ files: string[]; findings: Finding[] }>;
}

const root = path.resolve(import.meta.dirname, '..');
const scan = (await import(pathToFileURL(path.join(root, 'scripts/dist-security-scan.mjs')).href)) as ScanModule;

const SAMPLES: [string, string][] = [
  ['NODE_INTEGRATION', 'new BrowserWindow({ webPreferences: { nodeIntegration: true } })'],
  ['NODE_INTEGRATION', 'webPreferences: { nodeIntegrationInSubFrames: !0 }'],
  ['CONTEXT_ISOLATION', 'webPreferences: { contextIsolation: false }'],
  ['SANDBOX', 'webPreferences: { sandbox: !1 }'],
  ['WEB_SECURITY', 'webPreferences: { webSecurity: false }'],
  ['INSECURE_CONTENT', 'webPreferences: { allowRunningInsecureContent: true }'],
  ['EXPERIMENTAL_FEATURES', 'webPreferences: { experimentalFeatures: true }'],
  ['BLINK_FEATURES', "webPreferences: { enableBlinkFeatures: 'CSSVariables' }"],
  ['WEBVIEW_TAG', 'webPreferences: { webviewTag: true }'],
  ['OPEN_EXTERNAL', 'import_electron.shell.openExternal(url)'],
  ['IPC_RENDERER_EXPOSED', "contextBridge.exposeInMainWorld('ipc', ipcRenderer)"],
  ['IPC_RENDERER_PROPERTY', "exposeInMainWorld('api', { ipcRenderer: import_electron.ipcRenderer })"],
  ['CERTIFICATE_ERRORS', "app.commandLine.appendSwitch('ignore-certificate-errors')"],
  ['REMOTE_MODULE', 'webPreferences: { enableRemoteModule: true }'],
  ['INSECURE_URL', "win.loadURL('http://example.com')"],
];

describe('Electron security scan', () => {
  it.each(SAMPLES)('flags %s', (id, code) => {
    expect(scan.scanSource('main.js', `const x = 1;\n${code};\n`).map((finding) => finding.id)).toContain(id);
  });

  it('has a sample for every red flag it knows', () => {
    expect(new Set(SAMPLES.map(([id]) => id))).toEqual(new Set(scan.RED_FLAGS.map(([id]) => id)));
  });

  it('does not flag the safe settings or calls through the bridge', () => {
    const safe = `webPreferences: { nodeIntegration: false, contextIsolation: true, sandbox: true, webSecurity: true }
      contextBridge.exposeInMainWorld('kiosk', bridge); ipcRenderer.invoke('kiosk:call', command, payload);`;
    expect(scan.scanSource('preload.js', safe)).toEqual([]);
  });

  it('reports the line of a finding and lets the baseline accept it by id and file', () => {
    const findings = scan.scanSource('main.js', 'a\nb\nsandbox: false\n');
    expect(findings).toMatchObject([{ id: 'SANDBOX', file: 'main.js', line: 3 }]);
    expect(scan.newFindings(findings, [{ id: 'SANDBOX', file: 'main.js' }])).toEqual([]);
    expect(scan.newFindings(findings, [{ id: 'SANDBOX', file: 'preload-admin.js' }])).toHaveLength(1);
  });

  it('reads electronegativity CSV reports', () => {
    const csv =
      'issue, severity, confidence, filename, location, sample, description, url\n' +
      'CSP_GLOBAL_CHECK,"MEDIUM","CERTAIN","N/A","0:0",N/A,"No CSP has been detected in the target application",https://example\n' +
      'SANDBOX_JS_CHECK,"MEDIUM","TENTATIVE","main.js","12:4",x,"Review the use of the sandbox",https://example\n';
    expect(scan.parseElectronegativityCsv(csv)).toMatchObject([
      { id: 'CSP_GLOBAL_CHECK', file: '*' },
      { id: 'SANDBOX_JS_CHECK', file: 'main.js', line: 12 },
    ]);
  });

  it('finds nothing in the shell as built today', async () => {
    const result = await scan.scanBuiltShell();
    expect(result.files).toEqual(
      expect.arrayContaining(['main.js', 'preload-admin.js', 'preload-customer.js', 'preload-staff.js']),
    );
    expect(result.findings).toEqual([]);
  }, 60_000);
});
