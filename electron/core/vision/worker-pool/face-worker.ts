/**
 * The entry of one face worker thread: loads its own engine (workerData says which) and answers detect and embed
 * requests one at a time. Bundled to dist/{server,electron}/face-worker.cjs by scripts/build.mjs; under vitest and
 * tsx it runs from this TypeScript source through tsx's loader (see worker-entry.ts).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createLogger } from '../../logger.js';
import type { DetectedFace, FaceEngine, RgbFrame } from '../types.js';
import { createFaceEngine } from './engine-factory.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './protocol.js';

function requirePort(): MessagePort {
  if (!parentPort) throw new Error('face-worker.ts runs only as a worker thread');
  return parentPort;
}
const port = requirePort();
const init = workerData as WorkerInit;

const reply = (message: WorkerReply) => port.postMessage(message);

/** Faces of `faces` at the same box as one of `wanted` (for engines that cannot embed given faces). */
function sameBox(a: DetectedFace, b: DetectedFace): boolean {
  return a.box.x === b.box.x && a.box.y === b.box.y && a.box.width === b.box.width && a.box.height === b.box.height;
}

async function embed(engine: FaceEngine, frame: RgbFrame, faces: readonly DetectedFace[]): Promise<DetectedFace[]> {
  if (engine.embedFaces) return engine.embedFaces(frame, faces);
  // Detection is deterministic: detecting again finds the same boxes, and only the wanted ones are embedded.
  const again = await engine.detect(frame, { embed: true, embedIf: (face) => faces.some((f) => sameBox(f, face)) });
  return faces.map((face) => again.find((f) => sameBox(f, face)) ?? face);
}

async function main(): Promise<void> {
  let engine: FaceEngine;
  try {
    engine = await createFaceEngine(init.engine, createLogger({ level: 'warn' }));
  } catch (error) {
    reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  reply({ kind: 'ready', backend: engine.backend, modelId: engine.modelId, embeddingSize: engine.embeddingSize });
  port.on('message', (request: WorkerRequest | 'close') => {
    if (request === 'close') {
      void engine.close().finally(() => port.close());
      return;
    }
    const frame: RgbFrame = request.frame;
    const work =
      request.kind === 'detect' ? engine.detect(frame, { embed: request.embed }) : embed(engine, frame, request.faces);
    work.then(
      (faces) => reply({ kind: 'result', id: request.id, faces }),
      (error: unknown) =>
        reply({ kind: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) }),
    );
  });
}

void main();
