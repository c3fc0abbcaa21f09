/**
 * Incremental JPEG splitter: fed arbitrary byte chunks (an MJPEG file, a multipart HTTP body, a
 * stream with garbage in it), it emits each complete JPEG (FF D8 ... FF D9) exactly once.
 *
 * It follows the JPEG marker structure instead of searching for FF D9, because the header part may
 * hold segments with nested JPEGs (an EXIF thumbnail in APP1 has its own SOI/EOI): segments with a
 * length are skipped whole. After SOS comes entropy-coded data, where byte stuffing guarantees that
 * FF is only ever followed by 00 (a data FF), D0-D7 (restart markers), or a real marker, so there
 * the first FF D9 really is the end of the image. Everything outside a frame (multipart boundaries
 * and headers, garbage) is skipped. It never decodes pixels.
 */

export type JpegDropReason =
  /** Bigger than `maxFrameBytes`; the rest of it is skipped. */
  | 'too-large'
  /** A new SOI began before the current frame ended (a sender gave up mid-frame), or reset() mid-frame. */
  | 'truncated'
  /** The marker structure is broken; the splitter rescans from just after the bad frame's SOI. */
  | 'corrupt';

export interface JpegSplitterOptions {
  /** Largest frame accepted, in bytes; a larger one is dropped and reported. Default 16 MB. */
  maxFrameBytes?: number;
  /** Receives each complete JPEG; the buffer is a fresh copy owned by the receiver. */
  onFrame(jpeg: Buffer): void;
  /** Told about each frame that was dropped, with the bytes of it that had been seen. */
  onDropped?(reason: JpegDropReason, bytes: number): void;
}

export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

type ParseState =
  /** Outside a frame, looking for FF D8. */
  | 'seek'
  /** In the header part of a frame, expecting FF and a marker code. */
  | 'marker'
  /** Reading the two length bytes of a segment. */
  | 'length'
  /** Skipping the body of a segment (nested thumbnails live here, unseen). */
  | 'skip'
  /** In entropy-coded data after SOS. */
  | 'entropy';

const SOI_BYTES = Buffer.from([0xff, 0xd8]);

function isRestart(code: number): boolean {
  return code >= 0xd0 && code <= 0xd7;
}

export class JpegSplitter {
  private readonly maxFrameBytes: number;
  private readonly onFrame: (jpeg: Buffer) => void;
  private readonly onDropped: (reason: JpegDropReason, bytes: number) => void;

  private state: ParseState = 'seek';
  private sawFF = false;
  private lengthHi: number | null = null;
  private segmentMarker = 0;
  private skipLeft = 0;
  private sawScan = false;
  /** Bytes of the current frame from earlier chunks (copies, so callers may reuse their buffers). */
  private pieces: Buffer[] = [];
  private piecesBytes = 0;

  private emitted = 0;
  private dropped = 0;
  private skipped = 0;

  constructor(options: JpegSplitterOptions) {
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.onFrame = options.onFrame;
    this.onDropped = options.onDropped ?? (() => undefined);
  }

  /** Frames emitted so far. */
  get framesEmitted(): number {
    return this.emitted;
  }

  /** Frames dropped so far (too large, truncated, corrupt). */
  get framesDropped(): number {
    return this.dropped;
  }

  /** Bytes skipped outside frames (boundaries, part headers, garbage). */
  get bytesSkipped(): number {
    return this.skipped;
  }

  /** Bytes of an unfinished frame currently held. */
  get pendingBytes(): number {
    return this.state === 'seek' ? 0 : this.piecesBytes;
  }

  /** Forgets any partial frame (reported as truncated), e.g. when a connection is replaced. */
  reset(): void {
    if (this.state !== 'seek') this.drop('truncated', this.piecesBytes);
    this.toSeek();
  }

  push(chunk: Uint8Array): void {
    let buf: Buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let i = 0;
    /** Where the current frame's bytes begin in `buf` (its earlier bytes are in `pieces`). */
    let frameStart = 0;

    const startFrame = (afterSoi: number): void => {
      this.pieces = [SOI_BYTES];
      this.piecesBytes = 2;
      this.state = 'marker';
      this.sawFF = false;
      this.sawScan = false;
      frameStart = afterSoi;
    };
    const frameBytesAt = (end: number): number => this.piecesBytes + (end - frameStart);

    while (i < buf.length) {
      switch (this.state) {
        case 'seek': {
          if (this.sawFF) {
            const b = buf[i] as number;
            i++;
            if (b === 0xd8) {
              this.skipped -= 1; // the FF counted as skipped belongs to the SOI
              startFrame(i);
            } else {
              this.skipped += 1;
              this.sawFF = b === 0xff;
            }
          } else {
            const j = buf.indexOf(0xff, i);
            const end = j < 0 ? buf.length : j + 1;
            this.skipped += end - i;
            this.sawFF = j >= 0;
            i = end;
          }
          break;
        }
        case 'marker': {
          const b = buf[i] as number;
          if (!this.sawFF) {
            if (b !== 0xff) {
              ({ buf, i } = this.resync(buf, frameStart, i));
              frameStart = 0;
              break;
            }
            this.sawFF = true;
            i++;
            break;
          }
          if (b === 0xff) {
            i++; // fill byte before a marker
            break;
          }
          this.sawFF = false;
          i++;
          if (b === 0xd9) {
            if (this.sawScan) {
              this.emit(buf.subarray(frameStart, i));
              this.toSeek();
            } else {
              ({ buf, i } = this.resync(buf, frameStart, i));
              frameStart = 0;
            }
          } else if (b === 0xd8) {
            this.drop('truncated', frameBytesAt(i - 2));
            startFrame(i);
          } else if (isRestart(b) || b === 0x01) {
            // Standalone markers without a length.
          } else if (b >= 0xc0) {
            this.segmentMarker = b;
            this.lengthHi = null;
            this.state = 'length';
          } else {
            ({ buf, i } = this.resync(buf, frameStart, i));
            frameStart = 0;
          }
          break;
        }
        case 'length': {
          const b = buf[i] as number;
          i++;
          if (this.lengthHi === null) {
            this.lengthHi = b;
            break;
          }
          const length = (this.lengthHi << 8) | b;
          if (length < 2) {
            ({ buf, i } = this.resync(buf, frameStart, i));
            frameStart = 0;
            break;
          }
          this.skipLeft = length - 2;
          this.afterSegment();
          break;
        }
        case 'skip': {
          const n = Math.min(this.skipLeft, buf.length - i);
          i += n;
          this.skipLeft -= n;
          if (this.skipLeft === 0) this.afterSegment();
          break;
        }
        case 'entropy': {
          if (!this.sawFF) {
            const j = buf.indexOf(0xff, i);
            if (j < 0) {
              i = buf.length;
            } else {
              i = j + 1;
              this.sawFF = true;
            }
            break;
          }
          const b = buf[i] as number;
          if (b === 0x00 || isRestart(b)) {
            this.sawFF = false;
            i++;
          } else if (b === 0xff) {
            i++;
          } else if (b === 0xd9) {
            i++;
            this.emit(buf.subarray(frameStart, i));
            this.toSeek();
          } else if (b === 0xd8) {
            i++;
            this.drop('truncated', frameBytesAt(i - 2));
            startFrame(i);
          } else {
            // Another marker after a scan (progressive JPEGs: DHT, SOS, ...). The marker state
            // handles this same byte with sawFF still set.
            this.state = 'marker';
          }
          break;
        }
      }
      if (this.state !== 'seek' && frameBytesAt(i) > this.maxFrameBytes) {
        this.drop('too-large', frameBytesAt(i));
        this.toSeek();
      }
    }

    if (this.state !== 'seek' && frameStart < buf.length) {
      const rest = Buffer.from(buf.subarray(frameStart));
      this.pieces.push(rest);
      this.piecesBytes += rest.length;
    }
  }

  private afterSegment(): void {
    if (this.skipLeft > 0) {
      this.state = 'skip';
    } else if (this.segmentMarker === 0xda) {
      this.sawScan = true;
      this.sawFF = false;
      this.state = 'entropy';
    } else {
      this.sawFF = false;
      this.state = 'marker';
    }
  }

  /**
   * The current frame is broken: report it and continue scanning from just after its SOI, so a
   * real frame that the broken one's segment lengths swallowed is still found. Each resync drops
   * at least the two SOI bytes, so the loop always ends.
   */
  private resync(buf: Buffer, frameStart: number, i: number): { buf: Buffer; i: number } {
    const frame = Buffer.concat([...this.pieces, buf.subarray(frameStart)]);
    this.drop('corrupt', this.piecesBytes + (i - frameStart));
    this.toSeek();
    return { buf: frame.subarray(2), i: 0 };
  }

  private emit(tail: Buffer): void {
    const frame = Buffer.concat([...this.pieces, tail]);
    this.emitted++;
    this.onFrame(frame);
  }

  private drop(reason: JpegDropReason, bytes: number): void {
    this.dropped++;
    this.onDropped(reason, bytes);
  }

  private toSeek(): void {
    this.state = 'seek';
    this.sawFF = false;
    this.lengthHi = null;
    this.skipLeft = 0;
    this.sawScan = false;
    this.pieces = [];
    this.piecesBytes = 0;
  }
}

/** Splits a whole buffer (e.g. a .mjpeg file) into its JPEG frames. */
export function splitJpegs(
  data: Uint8Array,
  options: { maxFrameBytes?: number; onDropped?: JpegSplitterOptions['onDropped'] } = {},
): Buffer[] {
  const frames: Buffer[] = [];
  const splitter = new JpegSplitter({ ...options, onFrame: (f) => frames.push(f) });
  splitter.push(data);
  return frames;
}
