/**
 * The live camera preview with face boxes: green for an enrolled customer, amber for anyone else.
 * A frame is drawn only once its image has decoded, so the canvas always shows a whole frame (no blanking).
 */
import { useEffect, useRef } from 'react';
import type { CameraPreview } from '../../electron/contract/dto.js';

const KNOWN = '#1fae5b';
const UNKNOWN = '#f0a020';

function draw(canvas: HTMLCanvasElement, image: HTMLImageElement, preview: CameraPreview): void {
  if (canvas.width !== preview.width) canvas.width = preview.width;
  if (canvas.height !== preview.height) canvas.height = preview.height;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.drawImage(image, 0, 0, preview.width, preview.height);
  context.lineWidth = Math.max(2, Math.round(preview.width / 240));
  for (const face of preview.faces) {
    context.strokeStyle = face.known ? KNOWN : UNKNOWN;
    context.strokeRect(face.box.x, face.box.y, face.box.width, face.box.height);
  }
}

export function PreviewCanvas({ preview }: { readonly preview: CameraPreview | null }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || preview === null) return;
    let current = true;
    const image = new Image();
    image.onload = () => {
      // A newer frame may have arrived while this one decoded; drawing it late would show the past.
      if (current) draw(canvas, image, preview);
    };
    image.src = preview.jpegDataUrl;
    return () => {
      current = false;
    };
  }, [preview]);

  return (
    <div className="preview-frame">
      <canvas
        ref={canvasRef}
        className="preview-canvas"
        data-testid="camera-preview"
        width={640}
        height={480}
        aria-label="Live camera preview with face boxes"
      />
      {preview === null ? <div className="preview-waiting">Waiting for the camera…</div> : null}
    </div>
  );
}
