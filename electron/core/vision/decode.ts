/**
 * Image bytes <-> RgbFrame with sharp: decoding camera frames and uploaded photos, encoding previews,
 * and cutting the consented staff thumbnail. Everything downstream sees 8-bit RGB, 3 channels.
 */
import sharp from 'sharp';
import type { Box, RgbFrame } from './types.js';

/** A frame or photo that cannot be decoded (corrupt, truncated, or not an image at all). */
export class ImageDecodeError extends Error {
  constructor(detail: string) {
    super(`The camera sent a frame that is not a valid image (${detail}).`);
    this.name = 'ImageDecodeError';
  }
}

export interface DecodeOptions {
  /** Shrink wider images to this width (aspect kept); never enlarges. */
  readonly maxWidth?: number;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // sharp's messages can span lines (libvips appends its own); the first line says what happened.
  return (text.split('\n')[0] ?? text).trim() || 'unknown decoder error';
}

/**
 * Decodes JPEG (or PNG, WebP...) bytes to tightly packed RGB. EXIF orientation is applied, alpha is
 * dropped and grey images are expanded to 3 channels. Truncated data is an error, not a half-grey
 * picture: a partial face would make a bad template.
 */
export async function decodeJpeg(bytes: Uint8Array, options: DecodeOptions = {}): Promise<RgbFrame> {
  if (bytes.byteLength === 0) throw new ImageDecodeError('no bytes');
  try {
    let pipeline = sharp(bytes, { failOn: 'truncated' }).rotate();
    if (options.maxWidth !== undefined) {
      pipeline = pipeline.resize({ width: options.maxWidth, withoutEnlargement: true });
    }
    const { data, info } = await pipeline
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`);
    return {
      width: info.width,
      height: info.height,
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    };
  } catch (error) {
    throw new ImageDecodeError(describe(error));
  }
}

function rawInput(frame: RgbFrame): sharp.Sharp {
  if (frame.data.length !== frame.width * frame.height * 3) {
    throw new Error(`RgbFrame has ${frame.data.length} bytes, expected ${frame.width}x${frame.height}x3`);
  }
  return sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } });
}

/** JPEG bytes of a frame (quality 1..100). */
export async function encodeJpeg(frame: RgbFrame, quality = 80): Promise<Buffer> {
  return rawInput(frame).jpeg({ quality }).toBuffer();
}

/** The frame with a border of `px` pixels of the grey level `grey` on every side. */
export function padFrame(frame: RgbFrame, px: number, grey = 128): RgbFrame {
  const pad = Math.max(0, Math.round(px));
  const width = frame.width + 2 * pad;
  const height = frame.height + 2 * pad;
  const data = new Uint8Array(width * height * 3).fill(grey);
  const rowBytes = frame.width * 3;
  for (let y = 0; y < frame.height; y++) {
    data.set(frame.data.subarray(y * rowBytes, (y + 1) * rowBytes), ((y + pad) * width + pad) * 3);
  }
  return { width, height, data };
}

export interface ThumbnailOptions {
  /** Extra room around the face box on each side, as a fraction of the box's larger side. */
  readonly margin?: number;
  readonly quality?: number;
}

/**
 * A square JPEG of `size` px centred on the face, for the staff alert of a customer who agreed to a
 * thumbnail. Where the square reaches past the frame edge the missing part is mid-grey, so the face
 * stays centred and unstretched.
 */
export async function cropToJpeg(
  frame: RgbFrame,
  box: Box,
  size: number,
  options: ThumbnailOptions = {},
): Promise<Buffer> {
  const margin = options.margin ?? 0.35;
  const side = Math.max(2, Math.round(Math.max(box.width, box.height) * (1 + 2 * margin)));
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const left = Math.round(cx - side / 2);
  const top = Math.round(cy - side / 2);
  // Pad just enough for the square to lie inside the (padded) frame.
  const pad = Math.max(0, -left, -top, left + side - frame.width, top + side - frame.height);
  const source = pad > 0 ? padFrame(frame, pad) : frame;
  return rawInput(source)
    .extract({ left: left + pad, top: top + pad, width: side, height: side })
    .resize(size, size)
    .jpeg({ quality: options.quality ?? 85 })
    .toBuffer();
}
