/**
 * For tests only: a local HTTP endpoint that speaks Rekognition's JSON protocol (awsJson1_1: POST /, header
 * `X-Amz-Target: RekognitionService.<Operation>`, JSON bodies, image bytes base64) for the calls the cloud matcher
 * makes, so the REAL @aws-sdk/client-rekognition client is exercised end to end. Faces are compared with an
 * injected embedder (tests can pass our own face engine). Errors use AWS's shape (`__type`, status 400/500), and
 * throttling or outages can be injected for the next N calls.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cosine } from '../similarity.js';

/** An embedding of the one face in a JPEG, or null when there is no face. */
export type FakeEmbedder = (jpeg: Buffer) => Promise<Float32Array | null>;

interface StoredFace {
  readonly faceId: string;
  readonly externalImageId: string | undefined;
  readonly embedding: Float32Array;
}

export type InjectedFault = 'ThrottlingException' | 'ProvisionedThroughputExceededException' | 'InternalServerError';

export interface FakeRekognition {
  readonly endpoint: string;
  /** Every operation received, in order (retries included). */
  readonly calls: string[];
  collections(): Map<string, StoredFace[]>;
  /** The next `count` calls fail with `fault` (the SDK retries throttling and 5xx). */
  failNext(count: number, fault: InjectedFault): void;
  close(): Promise<void>;
}

class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(body: Record<string, unknown>, name: string, required = true): string | undefined {
  const value = body[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value at '${name}' failed to satisfy constraint`,
    );
  }
  return value;
}

function imageBytes(body: Record<string, unknown>): Buffer {
  const image = body.Image;
  if (!isRecord(image) || typeof image.Bytes !== 'string') {
    throw new AwsError('InvalidParameterException', 'Request has invalid parameters');
  }
  return Buffer.from(image.Bytes, 'base64');
}

const BOX = { Width: 0.5, Height: 0.5, Left: 0.25, Top: 0.25 };

export interface FakeRekognitionOptions {
  readonly embed: FakeEmbedder;
  /** Rekognition's Similarity (percent) for a cosine of two embeddings; our engine's scale is not AWS's. */
  readonly similarity?: (cosine: number) => number;
}

export async function startFakeRekognition(options: FakeRekognitionOptions): Promise<FakeRekognition> {
  const { embed } = options;
  const similarityOf = options.similarity ?? ((value: number) => Math.max(0, value) * 100);
  const store = new Map<string, StoredFace[]>();
  const calls: string[] = [];
  let faults: { count: number; fault: InjectedFault } = { count: 0, fault: 'ThrottlingException' };

  const collection = (body: Record<string, unknown>): StoredFace[] => {
    const id = stringField(body, 'CollectionId') ?? '';
    const faces = store.get(id);
    if (faces === undefined) throw new AwsError('ResourceNotFoundException', `The collection id: ${id} does not exist`);
    return faces;
  };

  const faceOf = async (body: Record<string, unknown>): Promise<Float32Array> => {
    const embedding = await embed(imageBytes(body));
    if (embedding === null) {
      throw new AwsError('InvalidParameterException', 'There are no faces in the image. Should be at least 1.');
    }
    return embedding;
  };

  const operations: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    CreateCollection: (body) => {
      const id = stringField(body, 'CollectionId') ?? '';
      if (store.has(id))
        throw new AwsError('ResourceAlreadyExistsException', `The collection id: ${id} already exists`);
      store.set(id, []);
      return Promise.resolve({
        StatusCode: 200,
        CollectionArn: `aws:rekognition:local:000000000000:collection/${id}`,
        FaceModelVersion: '7.0',
      });
    },
    DescribeCollection: (body) => {
      const faces = collection(body);
      return Promise.resolve({
        FaceCount: faces.length,
        FaceModelVersion: '7.0',
        CollectionARN: 'local',
        CreationTimestamp: 1_700_000_000,
      });
    },
    IndexFaces: async (body) => {
      const faces = collection(body);
      const externalImageId = stringField(body, 'ExternalImageId', false);
      const embedding = await faceOf(body);
      const face: StoredFace = { faceId: randomUUID(), externalImageId, embedding };
      faces.push(face);
      return {
        FaceRecords: [
          {
            Face: {
              FaceId: face.faceId,
              BoundingBox: BOX,
              ImageId: randomUUID(),
              ExternalImageId: externalImageId,
              Confidence: 99.9,
            },
            FaceDetail: { BoundingBox: BOX, Confidence: 99.9 },
          },
        ],
        FaceModelVersion: '7.0',
        UnindexedFaces: [],
      };
    },
    SearchFacesByImage: async (body) => {
      const faces = collection(body);
      const threshold = typeof body.FaceMatchThreshold === 'number' ? body.FaceMatchThreshold : 80;
      const maxFaces = typeof body.MaxFaces === 'number' ? body.MaxFaces : 4096;
      const probe = await faceOf(body);
      const matches = faces
        .map((face) => ({ face, similarity: similarityOf(cosine(probe, face.embedding)) }))
        .filter((match) => match.similarity >= threshold)
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, maxFaces);
      return {
        SearchedFaceBoundingBox: BOX,
        SearchedFaceConfidence: 99.9,
        FaceMatches: matches.map(({ face, similarity }) => ({
          Similarity: similarity,
          Face: { FaceId: face.faceId, ExternalImageId: face.externalImageId, BoundingBox: BOX, Confidence: 99.9 },
        })),
        FaceModelVersion: '7.0',
      };
    },
    ListFaces: (body) => {
      const faces = collection(body);
      const pageSize = typeof body.MaxResults === 'number' ? Math.min(body.MaxResults, 2) : 2;
      // Small pages on purpose: callers must follow NextToken.
      const start = typeof body.NextToken === 'string' ? Number(body.NextToken) : 0;
      const page = faces.slice(start, start + pageSize);
      const next = start + pageSize < faces.length ? String(start + pageSize) : undefined;
      return Promise.resolve({
        Faces: page.map((face) => ({
          FaceId: face.faceId,
          ExternalImageId: face.externalImageId,
          BoundingBox: BOX,
          Confidence: 99.9,
        })),
        ...(next === undefined ? {} : { NextToken: next }),
        FaceModelVersion: '7.0',
      });
    },
    DeleteFaces: (body) => {
      const faces = collection(body);
      const ids = Array.isArray(body.FaceIds) ? body.FaceIds.filter((id): id is string => typeof id === 'string') : [];
      const deleted = faces.filter((face) => ids.includes(face.faceId)).map((face) => face.faceId);
      const id = stringField(body, 'CollectionId') ?? '';
      store.set(
        id,
        faces.filter((face) => !ids.includes(face.faceId)),
      );
      return Promise.resolve({ DeletedFaces: deleted, UnsuccessfulFaceDeletions: [] });
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const send = (status: number, body: unknown, errorType?: string): void => {
          res.writeHead(status, {
            'Content-Type': 'application/x-amz-json-1.1',
            'x-amzn-RequestId': randomUUID(),
            ...(errorType === undefined ? {} : { 'x-amzn-ErrorType': errorType }),
          });
          res.end(JSON.stringify(body));
        };
        try {
          const target = req.headers['x-amz-target'];
          const prefix = 'RekognitionService.';
          if (req.method !== 'POST' || typeof target !== 'string' || !target.startsWith(prefix)) {
            throw new AwsError('UnknownOperationException', 'Expected a POST with X-Amz-Target: RekognitionService.*');
          }
          if (req.headers.authorization?.startsWith('AWS4-HMAC-SHA256 ') !== true) {
            throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
          }
          const operation = target.slice(prefix.length);
          calls.push(operation);
          if (faults.count > 0) {
            faults = { ...faults, count: faults.count - 1 };
            throw new AwsError(
              faults.fault,
              faults.fault === 'InternalServerError' ? 'Internal server error' : 'Rate exceeded',
              faults.fault === 'InternalServerError' ? 500 : 400,
            );
          }
          const run = operations[operation];
          if (run === undefined) throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`);
          const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
          if (!isRecord(body)) throw new AwsError('SerializationException', 'Expected a JSON object');
          send(200, await run(body));
        } catch (error) {
          if (error instanceof AwsError) send(error.status, { __type: error.type, Message: error.message }, error.type);
          else send(500, { __type: 'InternalServerError', Message: String(error) }, 'InternalServerError');
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    collections: () => store,
    failNext: (count, fault) => {
      faults = { count, fault };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
