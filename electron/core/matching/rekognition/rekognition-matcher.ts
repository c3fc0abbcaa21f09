/**
 * Cloud matching with AWS Rekognition behind the `Matcher` interface. Faces of consenting enrolled customers are
 * indexed with ExternalImageId = customer id; a probe is searched with SearchFacesByImage and FaceMatchThreshold;
 * erasure lists the person's faces and deletes them. The collection is created when missing. Every call is timed
 * and counted (cloud-usage.ts). The SDK client is passed in, so tests point it at a local endpoint that speaks
 * Rekognition's JSON protocol.
 */
import {
  CreateCollectionCommand,
  DeleteFacesCommand,
  DescribeCollectionCommand,
  IndexFacesCommand,
  ListFacesCommand,
  SearchFacesByImageCommand,
  type RekognitionClient,
} from '@aws-sdk/client-rekognition';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { FaceProbe, MatchDecision, Matcher } from '../matcher.js';

export const DEFAULT_FACE_MATCH_THRESHOLD = 80;

export interface RekognitionMatcherOptions {
  readonly client: Pick<RekognitionClient, 'send'>;
  readonly collectionId: string;
  /** FaceMatchThreshold in percent (the seed used 80). */
  readonly threshold: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Called after every call, successful or not: counts and latency for the month. */
  onCall(operation: string, latencyMs: number, ok: boolean): void;
}

/** A cloud call failed; `kind` says whether the network or the service's rate limit is to blame. */
export class CloudMatchError extends Error {
  constructor(
    readonly kind: 'network' | 'throttled' | 'service',
    message: string,
  ) {
    super(message);
    this.name = 'CloudMatchError';
  }
}

const THROTTLING = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'LimitExceededException']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/** Maps an SDK error to a CloudMatchError with a sentence for the manager. */
export function classifyCloudError(error: unknown): CloudMatchError {
  if (error instanceof CloudMatchError) return error;
  const name = errorName(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (THROTTLING.has(name)) {
    return new CloudMatchError(
      'throttled',
      `Rekognition is throttling this account (${name}); matching locally for now.`,
    );
  }
  if (
    NETWORK_CODES.has(code) ||
    NETWORK_CODES.has(name) ||
    name === 'TimeoutError' ||
    /socket hang up|connect/i.test(message)
  ) {
    return new CloudMatchError(
      'network',
      'Rekognition cannot be reached (the network may be down); matching locally for now.',
    );
  }
  return new CloudMatchError('service', `Rekognition refused the call (${name || 'error'}): ${message.slice(0, 200)}`);
}

export function createRekognitionMatcher(
  options: RekognitionMatcherOptions,
): Matcher & { ensureCollection(): Promise<boolean> } {
  const { client, collectionId } = options;
  let collectionReady = false;

  const timed = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    const started = options.clock.now();
    try {
      const value = await run();
      const latency = options.clock.now() - started;
      options.onCall(operation, latency, true);
      options.logger.debug('rekognition call', { operation, latencyMs: latency });
      return value;
    } catch (error) {
      const latency = options.clock.now() - started;
      options.onCall(operation, latency, false);
      const classified = classifyCloudError(error);
      options.logger.warn('rekognition call failed', {
        operation,
        latencyMs: latency,
        kind: classified.kind,
        name: errorName(error),
      });
      throw classified;
    }
  };

  /** Creates the collection when missing; true when it had to be created. */
  const ensureCollection = async (): Promise<boolean> => {
    if (collectionReady) return false;
    let created = false;
    try {
      await timed('DescribeCollection', () =>
        client.send(new DescribeCollectionCommand({ CollectionId: collectionId })),
      );
    } catch (error) {
      if (!(error instanceof CloudMatchError) || !/ResourceNotFoundException/.test(error.message)) throw error;
      await timed('CreateCollection', () => client.send(new CreateCollectionCommand({ CollectionId: collectionId })));
      created = true;
    }
    collectionReady = true;
    return created;
  };

  return {
    ensureCollection,

    async identify(probe: FaceProbe): Promise<MatchDecision> {
      await ensureCollection();
      const bytes = await probe.jpeg();
      try {
        const result = await timed('SearchFacesByImage', () =>
          client.send(
            new SearchFacesByImageCommand({
              CollectionId: collectionId,
              Image: { Bytes: bytes },
              FaceMatchThreshold: options.threshold,
              MaxFaces: 1,
              QualityFilter: 'AUTO',
            }),
          ),
        );
        const best = result.FaceMatches?.[0];
        const customerId = best?.Face?.ExternalImageId ?? null;
        return { customerId, score: (best?.Similarity ?? 0) / 100, source: 'cloud', note: null };
      } catch (error) {
        // No face in the crop is an answer (nobody), not a failure of the service.
        if (error instanceof CloudMatchError && /InvalidParameterException/.test(error.message)) {
          return { customerId: null, score: 0, source: 'cloud', note: 'Rekognition found no face in the crop.' };
        }
        throw error;
      }
    },

    async enrol(customerId, faces) {
      await ensureCollection();
      let indexed = 0;
      for (const bytes of faces) {
        const result = await timed('IndexFaces', () =>
          client.send(
            new IndexFacesCommand({
              CollectionId: collectionId,
              Image: { Bytes: bytes },
              ExternalImageId: customerId,
              MaxFaces: 1,
              QualityFilter: 'AUTO',
              DetectionAttributes: [],
            }),
          ),
        );
        indexed += result.FaceRecords?.length ?? 0;
      }
      return indexed;
    },

    async erase(customerId) {
      await ensureCollection();
      const faceIds: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await timed('ListFaces', () =>
          client.send(new ListFacesCommand({ CollectionId: collectionId, NextToken: nextToken, MaxResults: 1000 })),
        );
        for (const face of page.Faces ?? []) {
          if (face.ExternalImageId === customerId && face.FaceId !== undefined) faceIds.push(face.FaceId);
        }
        nextToken = page.NextToken;
      } while (nextToken !== undefined);
      let deleted = 0;
      // DeleteFaces takes at most 4096 ids per call.
      for (let start = 0; start < faceIds.length; start += 4096) {
        const batch = faceIds.slice(start, start + 4096);
        const result = await timed('DeleteFaces', () =>
          client.send(new DeleteFacesCommand({ CollectionId: collectionId, FaceIds: batch })),
        );
        deleted += result.DeletedFaces?.length ?? 0;
      }
      return deleted;
    },
  };
}
