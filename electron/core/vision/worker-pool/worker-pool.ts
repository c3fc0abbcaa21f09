/**
 * Face inference off the main thread: a pool of worker threads (as many as the cores by default), each with its
 * own engine, behind the FaceEngine interface, so the pipeline and enrolment do not know it is there.
 *
 * Load shedding: a call with a `lane` (a camera) supersedes that lane's frame still WAITING for a worker; the older
 * one is dropped (rejected with FrameDroppedError) instead of queueing, so at most one frame per lane waits and
 * memory stays flat however fast frames arrive. Calls without a lane (enrolment) wait their turn.
 *
 * `embedIf` cannot cross a thread boundary (it is a function), so a call with it runs in two steps: detection in
 * a worker, the selection here, then embedding of the selected faces in a worker (ahead of new frames, since its
 * frame is already half done).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../logger.js';
import { FrameDroppedError, type DetectOptions, type DetectedFace, type FaceEngine, type RgbFrame } from '../types.js';
import type { EngineSpec } from './engine-factory.js';
import type { FramePayload, WorkerReply, WorkerRequest } from './protocol.js';
import { faceWorkerEntry, type WorkerEntry } from './worker-entry.js';

export interface WorkerPoolOptions {
  readonly engine: EngineSpec;
  readonly logger: Logger;
  /** Worker threads; default: the machine's cores (os.availableParallelism()). */
  readonly size?: number;
  /** Where the worker code is (tests and bundles find it themselves). */
  readonly entry?: WorkerEntry;
}

export interface WorkerPoolStats {
  readonly workers: number;
  readonly busy: number;
  readonly waiting: number;
  readonly completed: number;
  /** Frames superseded by a newer frame of their lane before a worker took them. */
  readonly dropped: number;
}

/** A request before it gets its id (Omit over each member of the union). */
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

type Job = {
  readonly request: Request;
  readonly lane: string | null;
  resolve(faces: DetectedFace[]): void;
  reject(error: Error): void;
};

interface Slot {
  readonly worker: Worker;
  job: Job | null;
}

export interface WorkerPoolEngine extends FaceEngine {
  stats(): WorkerPoolStats;
}

function payload(frame: RgbFrame): FramePayload {
  return { width: frame.width, height: frame.height, data: frame.data };
}

export async function createWorkerPool(options: WorkerPoolOptions): Promise<WorkerPoolEngine> {
  const size = Math.max(1, options.size ?? os.availableParallelism());
  const entry = options.entry ?? faceWorkerEntry();
  const logger = options.logger.child('worker-pool');
  const started = performance.now();

  const slots: Slot[] = [];
  const waiting: Job[] = [];
  let nextId = 1;
  let completed = 0;
  let dropped = 0;
  let closed = false;
  const inFlight = new Map<number, Job>();

  const startWorker = () =>
    new Promise<{ slot: Slot; ready: Extract<WorkerReply, { kind: 'ready' }> }>((resolve, reject) => {
      const workerData = { engine: options.engine };
      const worker =
        entry.kind === 'file'
          ? new Worker(entry.file, { workerData })
          : new Worker(entry.code, { workerData, eval: true });
      const slot: Slot = { worker, job: null };
      const onFirst = (message: WorkerReply) => {
        if (message.kind === 'ready') resolve({ slot, ready: message });
        else if (message.kind === 'failed') reject(new Error(message.message));
      };
      worker.once('message', onFirst);
      worker.once('error', reject);
      worker.on('exit', (code) => {
        if (closed) return;
        logger.error('a face worker stopped', { code });
        const job = slot.job;
        slot.job = null;
        job?.reject(new Error(`The face worker stopped (exit code ${code}).`));
      });
    });

  const results = await Promise.allSettled(Array.from({ length: size }, startWorker));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    await Promise.all(results.map((r) => (r.status === 'fulfilled' ? r.value.slot.worker.terminate() : null)));
    throw failure.reason instanceof Error ? failure.reason : new Error(String(failure.reason));
  }
  const first = results[0];
  if (!first || first.status !== 'fulfilled') throw new Error('The worker pool has no workers');
  const { backend, modelId, embeddingSize } = first.value.ready;
  for (const result of results) if (result.status === 'fulfilled') slots.push(result.value.slot);

  for (const slot of slots) {
    slot.worker.on('message', (message: WorkerReply) => {
      if (message.kind !== 'result' && message.kind !== 'error') return;
      const job = inFlight.get(message.id);
      inFlight.delete(message.id);
      slot.job = null;
      completed += 1;
      if (job) {
        if (message.kind === 'result') job.resolve(message.faces);
        else job.reject(new Error(message.message));
      }
      pump();
    });
  }
  logger.info('worker pool ready', { backend, workers: size, initMs: Math.round(performance.now() - started) });

  function pump(): void {
    for (const slot of slots) {
      if (slot.job !== null) continue;
      const job = waiting.shift();
      if (!job) return;
      const id = nextId++;
      slot.job = job;
      inFlight.set(id, job);
      slot.worker.postMessage({ ...job.request, id } as WorkerRequest);
    }
  }

  function submit(request: Job['request'], lane: string | null, urgent = false): Promise<DetectedFace[]> {
    if (closed) return Promise.reject(new Error('The face engine is closed'));
    return new Promise<DetectedFace[]>((resolve, reject) => {
      if (lane !== null) {
        const stale = waiting.findIndex((job) => job.lane === lane);
        if (stale >= 0) {
          const [old] = waiting.splice(stale, 1);
          dropped += 1;
          old?.reject(new FrameDroppedError(lane));
        }
      }
      const job: Job = { request, lane, resolve, reject };
      if (urgent) waiting.unshift(job);
      else waiting.push(job);
      pump();
    });
  }

  async function detect(frame: RgbFrame, detectOptions: DetectOptions): Promise<DetectedFace[]> {
    const lane = detectOptions.lane ?? null;
    const { embedIf } = detectOptions;
    if (!detectOptions.embed || embedIf === undefined) {
      return submit({ kind: 'detect', frame: payload(frame), embed: detectOptions.embed }, lane);
    }
    const faces = await submit({ kind: 'detect', frame: payload(frame), embed: false }, lane);
    const chosen = faces.map((face) => embedIf(face));
    const selected = faces.filter((_, i) => chosen[i]);
    if (selected.length === 0) return faces;
    const embedded = await submit({ kind: 'embed', frame: payload(frame), faces: selected }, null, true);
    let next = 0;
    return faces.map((face, i) => (chosen[i] ? (embedded[next++] ?? face) : face));
  }

  return {
    backend,
    modelId,
    embeddingSize,
    detect,
    embedFaces: (frame, faces) => submit({ kind: 'embed', frame: payload(frame), faces }, null, true),
    stats: () => ({
      workers: slots.length,
      busy: slots.filter((s) => s.job !== null).length,
      waiting: waiting.length,
      completed,
      dropped,
    }),
    async close() {
      if (closed) return;
      closed = true;
      for (const job of waiting.splice(0)) job.reject(new Error('The face engine is closed'));
      await Promise.all(
        slots.map(
          (slot) =>
            new Promise<void>((resolve) => {
              slot.worker.once('exit', () => resolve());
              slot.worker.postMessage('close');
              // A worker stuck in a model run is not waited for forever.
              setTimeout(() => void slot.worker.terminate(), 5000).unref();
            }),
        ),
      );
      logger.info('worker pool closed', { completed, dropped });
    },
  };
}
