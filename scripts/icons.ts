/**
 * App icons from ONE source image (resources/icon.svg), rendered with sharp at build time into
 * resources/generated/: icons/<size>x<size>.png for Linux, icon.ico (PNG-compressed entries) for Windows and
 * icon.icns for macOS. The ICO and ICNS containers are written here (both are a small header and a directory of
 * PNG images), so no platform tool is needed. Run by scripts/dist.mjs; `npx tsx scripts/icons.ts` on its own.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** ICNS entry types that hold PNG data, and their pixel size. */
export const ICNS_TYPES: readonly (readonly [string, number])[] = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/** An ICO file whose entries are PNG images (Windows Vista and later read these). `images` as [size, png]. */
export function encodeIco(images: readonly (readonly [number, Buffer])[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  let offset = header.length + directory.length;
  images.forEach(([size, png], index) => {
    const at = index * 16;
    // Width and height are one byte each; 0 means 256.
    directory.writeUInt8(size >= 256 ? 0 : size, at);
    directory.writeUInt8(size >= 256 ? 0 : size, at + 1);
    directory.writeUInt8(0, at + 2); // no palette
    directory.writeUInt8(0, at + 3); // reserved
    directory.writeUInt16LE(1, at + 4); // colour planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(png.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, directory, ...images.map(([, png]) => png)]);
}

/** An ICNS file: 'icns' + total length, then entries of (type, length including the 8-byte entry header, PNG). */
export function encodeIcns(entries: readonly (readonly [string, Buffer])[]): Buffer {
  const parts = entries.map(([type, png]) => {
    if (!/^[a-z0-9]{4}$/.test(type)) throw new Error(`Not an ICNS type: ${type}`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

export async function renderPng(svg: Buffer, size: number): Promise<Buffer> {
  // Render at the target size from the vector source (density scales the SVG's 1024 px viewBox).
  return sharp(svg, { density: Math.max(1, Math.round((72 * size) / 1024)) })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
}

export interface GeneratedIcons {
  readonly dir: string;
  readonly files: string[];
}

export async function generateIcons(sourceSvg: string, outDir: string): Promise<GeneratedIcons> {
  const svg = readFileSync(sourceSvg);
  const sizes = [...new Set<number>([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, size]) => size)])];
  const pngs = new Map<number, Buffer>();
  for (const size of sizes) pngs.set(size, await renderPng(svg, size));
  const png = (size: number): Buffer => {
    const found = pngs.get(size);
    if (found === undefined) throw new Error(`No ${size} px rendering`);
    return found;
  };
  const files: string[] = [];
  mkdirSync(path.join(outDir, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) {
    const file = path.join(outDir, 'icons', `${size}x${size}.png`);
    writeFileSync(file, png(size));
    files.push(file);
  }
  const pngFile = path.join(outDir, 'icon.png');
  writeFileSync(pngFile, png(1024));
  const ico = path.join(outDir, 'icon.ico');
  writeFileSync(ico, encodeIco(ICO_SIZES.map((size) => [size, png(size)] as const)));
  const icns = path.join(outDir, 'icon.icns');
  writeFileSync(icns, encodeIcns(ICNS_TYPES.map(([type, size]) => [type, png(size)] as const)));
  files.push(pngFile, ico, icns);
  return { dir: outDir, files };
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.join(root, 'resources', 'generated');
  const generated = await generateIcons(path.join(root, 'resources', 'icon.svg'), out);
  console.log(`Icons: ${generated.files.length} files in ${path.relative(root, out)}`);
}
