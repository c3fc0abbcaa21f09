import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppRequest } from './protocol-paths.js';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'kiosk-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'staff'), { recursive: true });
  mkdirSync(path.join(root, 'shared'), { recursive: true });
  writeFileSync(path.join(root, 'staff', 'index.html'), '<!doctype html>');
  writeFileSync(path.join(root, 'staff', 'main.js'), '');
  writeFileSync(path.join(base, 'secret.html'), 'outside');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolving app:// requests', () => {
  it('maps a window route to that window’s index.html', () => {
    for (const url of ['app://kiosk/staff', 'app://kiosk/staff/']) {
      expect(resolveAppRequest(root, url)).toEqual({
        kind: 'file',
        file: path.join(root, 'staff', 'index.html'),
        contentType: 'text/html; charset=utf-8',
      });
    }
  });

  it('serves a script of the renderer with a JavaScript content type', () => {
    const resolved = resolveAppRequest(root, 'app://kiosk/staff/main.js?v=1');
    expect(resolved).toMatchObject({ kind: 'file', file: path.join(root, 'staff', 'main.js') });
    expect(resolved.kind === 'file' && resolved.contentType).toContain('text/javascript');
  });

  it('never resolves a traversal attempt to a file outside the renderer folder', () => {
    const attempts = [
      'app://kiosk/staff/%2e%2e/%2e%2e/secret.html',
      'app://kiosk/%2E%2E/secret.html',
      'app://kiosk/../../secret.html',
      'app://kiosk/staff/..%2f..%2fsecret.html',
      'app://kiosk/staff/..%5c..%5csecret.html',
      'app://kiosk/staff%2f..%2f..%2fsecret.html',
    ];
    for (const url of attempts) {
      const resolved = resolveAppRequest(root, url);
      if (resolved.kind === 'file') {
        // The URL parser already removed the dot segments: what is left must still be under the root.
        expect(path.relative(root, resolved.file).startsWith('..'), url).toBe(false);
        expect(resolved.file, url).not.toBe(path.join(base, 'secret.html'));
      }
    }
  });

  it('refuses dot segments and backslashes that survive URL parsing as encoded characters', () => {
    const attempts = [
      'app://kiosk/staff/..%2f..%2fsecret.html',
      'app://kiosk/staff/..%5c..%5csecret.html',
      'app://kiosk/staff%2f..%2f..%2fsecret.html',
      'app://kiosk/staff/.%2fmain.js',
    ];
    for (const url of attempts) {
      expect(resolveAppRequest(root, url), url).toMatchObject({ kind: 'refused', status: 403 });
    }
  });

  it('refuses NUL bytes and malformed percent-encoding', () => {
    expect(resolveAppRequest(root, 'app://kiosk/staff/main.js%00.html')).toMatchObject({
      kind: 'refused',
      status: 403,
    });
    expect(resolveAppRequest(root, 'app://kiosk/staff/%E0%A4%A')).toMatchObject({ kind: 'refused', status: 400 });
  });

  it('refuses another host, another scheme and credentials in the URL', () => {
    expect(resolveAppRequest(root, 'app://kiosk.evil/staff')).toMatchObject({ kind: 'refused', status: 403 });
    expect(resolveAppRequest(root, 'file:///staff/index.html')).toMatchObject({ kind: 'refused', status: 403 });
    expect(resolveAppRequest(root, 'app://user:pw@kiosk/staff')).toMatchObject({ kind: 'refused', status: 403 });
  });

  it('refuses the root and file types it does not serve', () => {
    expect(resolveAppRequest(root, 'app://kiosk/')).toMatchObject({ kind: 'refused', status: 404 });
    expect(resolveAppRequest(root, 'app://kiosk/staff/data.sqlite')).toMatchObject({ kind: 'refused', status: 404 });
  });
});
