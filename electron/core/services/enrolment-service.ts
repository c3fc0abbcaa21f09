/**
 * Enrolment with consent. The manager starts a session for a customer after the customer agreed to the shown
 * consent text; samples are taken from the live camera through the quality gate; only `finish` writes, and it
 * writes consent, templates and (if agreed) the thumbnail in one transaction. A cancelled or abandoned session
 * leaves nothing behind.
 *
 * Besides the running engine's templates, `finish` stores the samples' alternate descriptors (other models'
 * descriptors the engine computed anyway, DetectedFace.alternateEmbeddings) under their own model ids, so the
 * customer is still recognised when the fallback engine, which recognises with another model, takes over.
 */
import { randomUUID } from 'node:crypto';
import type { CustomerSummary, EnrolmentSession, SampleResult } from '../../contract/dto.js';
import { CommandError } from '../../contract/result.js';
import type { Clock } from '../clock.js';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import type { Logger } from '../logger.js';
import type { Gallery } from '../matching/gallery.js';
import { appendAudit } from '../store/audit.js';
import { recordConsent } from '../store/consents.js';
import { customerSummary, requireCustomer } from '../store/customers.js';
import type { WritableDb } from '../store/database.js';
import { addTemplates, loadTemplates } from '../store/templates.js';
import { setThumbnail } from '../store/thumbnails.js';
import { queueEnrolment } from '../sync/hooks.js';
import { cropToJpeg, decodeJpeg } from '../vision/decode.js';
import { checkEnrolmentSample, type QualityOptions } from '../vision/quality-gate.js';
import type { FaceEngine } from '../vision/types.js';

export interface EnrolmentOptions {
  /** Samples needed before a session can finish. */
  readonly requiredSamples: number;
  /** A camera frame older than this is not "live" and is not used as a sample. */
  readonly maxFrameAgeMs: number;
  /** An unfinished session is dropped after this long. */
  readonly sessionTtlMs: number;
}

export const DEFAULT_ENROLMENT: EnrolmentOptions = {
  requiredSamples: 3,
  maxFrameAgeMs: 3000,
  sessionTtlMs: 15 * 60 * 1000,
};

/** Cloud matching's part in enrolment (matching/rekognition/cloud-service.ts). */
export interface CloudEnrolment {
  /** Whether a cloud mode is on: only then are face crops kept in the session. */
  wantsFaces(): boolean;
  /** Indexes the crops after the local commit; reports its own failures and never throws. */
  indexEnrolment(customerId: string, faces: readonly Uint8Array[]): Promise<number>;
}

/** Side of the face crops indexed in the cloud collection, in px. */
export const CLOUD_ENROLMENT_CROP_SIZE = 320;

export interface LiveFrames {
  /** The newest JPEG from the entrance camera and when it arrived, or null when there is none. */
  latestFrame(): { readonly jpeg: Buffer; readonly at: number } | null;
}

interface Session {
  readonly id: string;
  readonly customerId: string;
  readonly textVersion: string;
  readonly agreedAt: number;
  readonly thumbnailAgreed: boolean;
  readonly manager: string;
  readonly samples: Float32Array[];
  /** Each accepted sample's alternate descriptors by model id, index for index with `samples`. */
  readonly alternates: Readonly<Record<string, Float32Array>>[];
  /** Face crops for the cloud collection, only while a cloud mode is on; in memory only, gone with the session. */
  readonly faces: Buffer[];
  thumbnail: Buffer | null;
}

export interface EnrolmentDeps {
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly engine: FaceEngine;
  readonly gallery: Gallery;
  readonly camera: LiveFrames;
  readonly quality: QualityOptions;
  readonly logger: Logger;
  readonly onEnrolled: (customerId: string) => void;
  readonly options?: EnrolmentOptions;
  readonly cloud?: CloudEnrolment;
}

export class EnrolmentService {
  private readonly sessions = new Map<string, Session>();
  private readonly options: EnrolmentOptions;

  constructor(private readonly deps: EnrolmentDeps) {
    this.options = deps.options ?? DEFAULT_ENROLMENT;
  }

  start(
    input: { customerId: string; consentTextVersion: string; thumbnailAgreed: boolean },
    manager: string,
  ): EnrolmentSession {
    if (input.consentTextVersion !== CURRENT_CONSENT_VERSION) {
      throw new CommandError(
        'conflict',
        `The consent text changed (now ${CURRENT_CONSENT_VERSION}); show the customer the current text and start again.`,
      );
    }
    requireCustomer(this.deps.db, input.customerId);
    this.dropExpired();
    const session: Session = {
      id: randomUUID(),
      customerId: input.customerId,
      textVersion: input.consentTextVersion,
      agreedAt: this.deps.clock.now(),
      thumbnailAgreed: input.thumbnailAgreed,
      manager,
      samples: [],
      alternates: [],
      faces: [],
      thumbnail: null,
    };
    this.sessions.set(session.id, session);
    return this.describe(session);
  }

  async captureSample(enrolmentId: string): Promise<SampleResult> {
    const session = this.session(enrolmentId);
    const latest = this.deps.camera.latestFrame();
    if (!latest || this.deps.clock.now() - latest.at > this.options.maxFrameAgeMs) {
      throw new CommandError(
        'camera_unavailable',
        'There is no live picture from the entrance camera. Check the camera panel, then try again.',
      );
    }
    const frame = await decodeJpeg(latest.jpeg);
    const faces = await this.deps.engine.detect(frame, { embed: true });
    const verdict = checkEnrolmentSample(faces, { width: frame.width, height: frame.height }, this.deps.quality);
    const required = this.options.requiredSamples;
    if (!verdict.ok) {
      return {
        accepted: false,
        reason: verdict.reason,
        message: verdict.message,
        samples: session.samples.length,
        required,
      };
    }
    if (!verdict.face.embedding) throw new Error('The engine returned a face without an embedding.');
    session.samples.push(verdict.face.embedding);
    session.alternates.push(verdict.face.alternateEmbeddings ?? {});
    if (this.deps.cloud?.wantsFaces() === true) {
      session.faces.push(await cropToJpeg(frame, verdict.face.box, CLOUD_ENROLMENT_CROP_SIZE));
    }
    if (session.thumbnailAgreed && session.thumbnail === null) {
      session.thumbnail = await cropToJpeg(frame, verdict.face.box, 160);
    }
    const samples = session.samples.length;
    const message =
      samples >= required
        ? `Sample ${samples} taken. You can finish now, or take more for better recognition.`
        : `Sample ${samples} of ${required} taken. Ask the customer to turn their head slightly for the next one.`;
    return { accepted: true, reason: null, message, samples, required };
  }

  finish(enrolmentId: string): CustomerSummary {
    const session = this.session(enrolmentId);
    const { db, clock, engine } = this.deps;
    if (session.samples.length < this.options.requiredSamples) {
      throw new CommandError(
        'conflict',
        `Take at least ${this.options.requiredSamples} good samples first (${session.samples.length} so far).`,
      );
    }
    const alternates = alternateTemplates(session.alternates, engine.modelId);
    db.transaction(() => {
      const consent = recordConsent(db, clock, {
        customerId: session.customerId,
        textVersion: session.textVersion,
        recordedBy: session.manager,
        thumbnailAgreed: session.thumbnailAgreed,
      });
      addTemplates(db, clock, session.customerId, engine.modelId, session.samples);
      for (const [modelId, embeddings] of alternates) addTemplates(db, clock, session.customerId, modelId, embeddings);
      if (session.thumbnail) setThumbnail(db, clock, session.customerId, session.thumbnail);
      // The chain hears about the enrolment (consent only, no templates) in the same transaction; it is told the
      // running engine's model only: alternate templates are this PC's fallback and never leave it.
      queueEnrolment(db, {
        customerId: session.customerId,
        consent,
        modelId: engine.modelId,
        templateCount: session.samples.length,
      });
      appendAudit(db, clock, {
        actor: session.manager,
        action: 'enrolment.finish',
        details: {
          customerId: session.customerId,
          samples: session.samples.length,
          alternateModels: [...alternates.keys()],
          thumbnail: session.thumbnail !== null,
        },
      });
    })();
    // In-memory state follows the commit, never leads it.
    this.sessions.delete(session.id);
    const templates = loadTemplates(db, engine.modelId)
      .filter((t) => t.customerId === session.customerId)
      .map((t) => t.embedding);
    this.deps.gallery.replacePerson(session.customerId, templates);
    this.deps.onEnrolled(session.customerId);
    if (this.deps.cloud !== undefined && session.faces.length > 0) {
      // After the commit and in the background: the cloud never fails or delays the local enrolment.
      const faces = session.faces.splice(0);
      void this.deps.cloud.indexEnrolment(session.customerId, faces);
    }
    this.deps.logger.info('customer enrolled', {
      samples: session.samples.length,
      alternateModels: [...alternates.keys()],
    });
    const summary = customerSummary(db, session.customerId);
    if (!summary) throw new CommandError('not_found', 'The customer disappeared while enrolling.');
    return summary;
  }

  cancel(enrolmentId: string): boolean {
    return this.sessions.delete(enrolmentId);
  }

  private session(enrolmentId: string): Session {
    this.dropExpired();
    const session = this.sessions.get(enrolmentId);
    if (!session) throw new CommandError('not_found', 'This enrolment is no longer open; start it again.');
    return session;
  }

  private describe(session: Session): EnrolmentSession {
    return {
      enrolmentId: session.id,
      customerId: session.customerId,
      samples: session.samples.length,
      required: this.options.requiredSamples,
    };
  }

  private dropExpired(): void {
    const now = this.deps.clock.now();
    for (const [id, session] of this.sessions) {
      if (now - session.agreedAt > this.options.sessionTtlMs) this.sessions.delete(id);
    }
  }
}

/**
 * The alternate templates to store, by model id: only models every sample has a descriptor of (all the same
 * length), so a person never has a partial set of another model's templates; never the primary model again.
 */
export function alternateTemplates(
  samples: readonly Readonly<Record<string, Float32Array>>[],
  primaryModelId: string,
): Map<string, Float32Array[]> {
  const out = new Map<string, Float32Array[]>();
  const first = samples[0];
  if (first === undefined) return out;
  for (const modelId of Object.keys(first)) {
    if (modelId === primaryModelId) continue;
    const embeddings = samples.map((sample) => sample[modelId]);
    const size = first[modelId]?.length ?? 0;
    if (size > 0 && embeddings.every((e): e is Float32Array => e !== undefined && e.length === size)) {
      out.set(modelId, embeddings);
    }
  }
  return out;
}
