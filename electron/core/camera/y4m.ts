/**
 * YUV4MPEG2 (.y4m) reading: the header, the frames, and 4:2:0 to RGB. Only 4:2:0 is accepted (what ffmpeg writes
 * by default and what Chromium's fake camera reads); anything else gets a sentence saying how to convert it.
 */
import type { RgbFrame } from '../vision/types.js';

export interface Y4mHeader {
  readonly width: number;
  readonly height: number;
  /** Frames per second from the F tag (30 when absent). */
  readonly fps: number;
  /** Full-range (JPEG) levels instead of studio range 16..235. */
  readonly fullRange: boolean;
}

export class Y4mError extends Error {
  override readonly name = 'Y4mError';
}

const CONVERT = 'Convert it with: ffmpeg -i <input> -pix_fmt yuv420p out.y4m';

/** Parses the file: the header and each frame's planes (views into `data`, not copies). */
export function parseY4m(data: Uint8Array): { header: Y4mHeader; frames: Uint8Array[] } {
  const headerEnd = data.indexOf(0x0a);
  if (headerEnd < 0 || headerEnd > 1024) throw new Y4mError(`The file is not a .y4m video (no header). ${CONVERT}`);
  const tags = new TextDecoder().decode(data.subarray(0, headerEnd)).split(' ');
  if (tags[0] !== 'YUV4MPEG2') throw new Y4mError(`The file is not a .y4m video (it does not start with YUV4MPEG2).`);
  let width = 0;
  let height = 0;
  let fps = 30;
  let colour = '420jpeg';
  let fullRange = false;
  for (const tag of tags.slice(1)) {
    const value = tag.slice(1);
    switch (tag[0]) {
      case 'W':
        width = Number(value);
        break;
      case 'H':
        height = Number(value);
        break;
      case 'F': {
        const [num, den] = value.split(':').map(Number);
        if (num !== undefined && den !== undefined && num > 0 && den > 0) fps = num / den;
        break;
      }
      case 'C':
        colour = value;
        break;
      case 'X':
        if (value === 'COLORRANGE=FULL') fullRange = true;
        break;
      default:
        break;
    }
  }
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new Y4mError('The .y4m header has no valid size (W and H).');
  }
  if (!colour.startsWith('420')) {
    throw new Y4mError(`The .y4m video is ${colour} colour; only 4:2:0 is supported. ${CONVERT}`);
  }
  const frameBytes = width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2);
  const frames: Uint8Array[] = [];
  let at = headerEnd + 1;
  while (at < data.length) {
    const lineEnd = data.indexOf(0x0a, at);
    if (lineEnd < 0 || lineEnd - at > 1024) break;
    if (new TextDecoder().decode(data.subarray(at, Math.min(lineEnd, at + 5))) !== 'FRAME') break;
    const start = lineEnd + 1;
    if (start + frameBytes > data.length) break; // a cut-off last frame is ignored
    frames.push(data.subarray(start, start + frameBytes));
    at = start + frameBytes;
  }
  return { header: { width, height, fps, fullRange }, frames };
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

/** One 4:2:0 frame (Y plane, then U, then V) as RGB, BT.601. */
export function yuv420ToRgb(planes: Uint8Array, header: Y4mHeader): RgbFrame {
  const { width, height, fullRange } = header;
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const uOffset = width * height;
  const vOffset = uOffset + cw * ch;
  const out = new Uint8Array(width * height * 3);
  const yScale = fullRange ? 1 : 255 / 219;
  const yBase = fullRange ? 0 : 16;
  const cScale = fullRange ? 1 : 255 / 224;
  for (let y = 0; y < height; y++) {
    const cRow = (y >> 1) * cw;
    for (let x = 0; x < width; x++) {
      const luma = ((planes[y * width + x] as number) - yBase) * yScale;
      const u = ((planes[uOffset + cRow + (x >> 1)] as number) - 128) * cScale;
      const v = ((planes[vOffset + cRow + (x >> 1)] as number) - 128) * cScale;
      const o = (y * width + x) * 3;
      out[o] = clamp(luma + 1.402 * v);
      out[o + 1] = clamp(luma - 0.344136 * u - 0.714136 * v);
      out[o + 2] = clamp(luma + 1.772 * u);
    }
  }
  return { width, height, data: out };
}
