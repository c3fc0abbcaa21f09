import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIcns, encodeIco, generateIcons, ICNS_TYPES, ICO_SIZES, LINUX_SIZES } from './icons.js';

const root = path.resolve(import.meta.dirname, '..');
let out: string;

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-icons-'));
  await generateIcons(path.join(root, 'resources', 'icon.svg'), out);
}, 60_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('icons from the one SVG source', () => {
  it('renders every Linux size as a square PNG of that size', async () => {
    for (const size of LINUX_SIZES) {
      const meta = await sharp(path.join(out, 'icons', `${size}x${size}.png`)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', size, size]);
    }
  });

  it('writes an ICO whose directory points at a PNG for each size (256 stored as 0)', () => {
    const ico = fs.readFileSync(path.join(out, 'icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBe(ICO_SIZES.length);
    ICO_SIZES.forEach((size, index) => {
      const entry = 6 + index * 16;
      expect(ico.readUInt8(entry)).toBe(size === 256 ? 0 : size);
      const offset = ico.readUInt32LE(entry + 12);
      expect(ico.subarray(offset, offset + 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    });
  });

  it('writes an ICNS whose lengths add up and whose entries are PNGs', () => {
    const icns = fs.readFileSync(path.join(out, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    let at = 8;
    const types: string[] = [];
    while (at < icns.length) {
      types.push(icns.subarray(at, at + 4).toString('ascii'));
      expect(icns.subarray(at + 8, at + 12).toString('latin1')).toBe('\x89PNG');
      at += icns.readUInt32BE(at + 4);
    }
    expect(at).toBe(icns.length);
    expect(types).toEqual(ICNS_TYPES.map(([type]) => type));
  });

  it('refuses an ICNS type that is not four characters', () => {
    expect(() => encodeIcns([['toolong', Buffer.alloc(1)]])).toThrow(/Not an ICNS type/);
  });

  it('lays out ICO offsets one image after another', () => {
    const ico = encodeIco([
      [16, Buffer.alloc(10, 1)],
      [32, Buffer.alloc(20, 2)],
    ]);
    expect(ico.readUInt32LE(6 + 12)).toBe(6 + 32);
    expect(ico.readUInt32LE(22 + 12)).toBe(6 + 32 + 10);
    expect(ico.length).toBe(6 + 32 + 30);
  });
});
