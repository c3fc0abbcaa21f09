/**
 * Reads a JPEG's width and height from its frame header (SOF) without decoding, so a frame too big to decode
 * safely (a 40-megapixel still from a misconfigured camera) is refused before it costs any memory.
 */

export interface JpegDimensions {
  readonly width: number;
  readonly height: number;
}

/** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range but are not frame headers. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** The dimensions in the JPEG's frame header, or null when the header part has none (or is broken). */
export function jpegDimensions(jpeg: Uint8Array): JpegDimensions | null {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null;
  let i = 2;
  while (i + 3 < jpeg.length) {
    if (jpeg[i] !== 0xff) return null;
    const marker = jpeg[i + 1] as number;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end or scan before any frame header
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = ((jpeg[i + 2] as number) << 8) | (jpeg[i + 3] as number);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (i + 8 >= jpeg.length) return null;
      const height = ((jpeg[i + 5] as number) << 8) | (jpeg[i + 6] as number);
      const width = ((jpeg[i + 7] as number) << 8) | (jpeg[i + 8] as number);
      return width > 0 && height > 0 ? { width, height } : null;
    }
    i += 2 + length;
  }
  return null;
}
