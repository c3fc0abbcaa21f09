/**
 * The capture window's JPEG encoder, off the UI thread: it receives a video frame as a transferred ImageBitmap,
 * draws it on an OffscreenCanvas, encodes a JPEG and transfers the bytes back (no copies either way).
 */

interface EncodeRequest {
  readonly id: number;
  readonly bitmap: ImageBitmap;
  readonly quality: number;
}

interface WorkerScope {
  onmessage: ((event: MessageEvent<EncodeRequest>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, bitmap, quality } = event.data;
  void (async () => {
    try {
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(bitmap, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      const buffer = await blob.arrayBuffer();
      scope.postMessage({ id, buffer }, [buffer]);
    } catch (error) {
      scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }, []);
    } finally {
      bitmap.close();
    }
  })();
};
