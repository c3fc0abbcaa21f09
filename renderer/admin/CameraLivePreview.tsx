/**
 * The watched camera's live picture with face boxes and track ids, as the core analysed it: the image is the
 * core's re-encode of the MASKED frame, so masked areas arrive black. The saved masks are outlined on top, and
 * while the manager draws a new mask, each click adds a corner.
 */
import { useEffect, useRef, type MouseEvent } from 'react';
import type { CameraPreview, MaskPolygon } from '../../electron/contract/dto.js';

const KNOWN = '#1fae5b';
const UNKNOWN = '#f0a020';
const MASK = '#d0d4dc';
const DRAFT = '#4aa3ff';

interface Props {
  readonly preview: CameraPreview | null;
  readonly masks: readonly MaskPolygon[];
  /** Corners of the mask being drawn (frame-relative), or null when not drawing. */
  readonly draft: MaskPolygon | null;
  readonly onPoint?: (point: { x: number; y: number }) => void;
}

function outline(context: CanvasRenderingContext2D, polygon: MaskPolygon, w: number, h: number, close: boolean): void {
  context.beginPath();
  polygon.forEach((p, i) => (i === 0 ? context.moveTo(p.x * w, p.y * h) : context.lineTo(p.x * w, p.y * h)));
  if (close) context.closePath();
  context.stroke();
}

function draw(canvas: HTMLCanvasElement, image: HTMLImageElement | null, props: Props): void {
  const width = props.preview?.width ?? canvas.width;
  const height = props.preview?.height ?? canvas.height;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return;
  if (image) context.drawImage(image, 0, 0, width, height);
  const line = Math.max(2, Math.round(width / 240));
  context.lineWidth = line;
  context.font = `${Math.max(12, Math.round(width / 40))}px sans-serif`;
  for (const face of props.preview?.faces ?? []) {
    context.strokeStyle = face.known ? KNOWN : UNKNOWN;
    context.fillStyle = context.strokeStyle;
    context.strokeRect(face.box.x, face.box.y, face.box.width, face.box.height);
    if (face.trackId !== undefined)
      context.fillText(`#${face.trackId}`, face.box.x, Math.max(12, face.box.y - line * 2));
  }
  context.setLineDash([line * 3, line * 2]);
  context.strokeStyle = MASK;
  for (const mask of props.masks) outline(context, mask, width, height, true);
  if (props.draft && props.draft.length > 0) {
    context.strokeStyle = DRAFT;
    outline(context, props.draft, width, height, false);
  }
  context.setLineDash([]);
}

export function CameraLivePreview(props: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const imageRef = useRef<HTMLImageElement | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const preview = props.preview;
    if (preview === null) {
      imageRef.current = null;
      draw(canvas, null, props);
      return;
    }
    let current = true;
    const image = new Image();
    image.onload = () => {
      // A newer frame may have arrived while this one decoded; drawing it late would show the past.
      if (!current) return;
      imageRef.current = image;
      draw(canvas, image, props);
    };
    image.src = preview.jpegDataUrl;
    return () => {
      current = false;
    };
  }, [props]);

  const click = (event: MouseEvent<HTMLCanvasElement>): void => {
    if (!props.onPoint) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    props.onPoint({
      x: clamp((event.clientX - rect.left) / rect.width),
      y: clamp((event.clientY - rect.top) / rect.height),
    });
  };

  return (
    <div className="preview-frame">
      <canvas
        ref={canvasRef}
        className="preview-canvas"
        data-testid="cameras-preview"
        data-faces={props.preview?.faces.length ?? 0}
        width={640}
        height={480}
        onClick={click}
        style={props.onPoint ? { cursor: 'crosshair' } : undefined}
        aria-label="Live camera preview with face boxes, track ids and privacy masks"
      />
      {props.preview === null ? <div className="preview-waiting">Waiting for a picture from this camera…</div> : null}
    </div>
  );
}
