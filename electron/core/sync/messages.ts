/**
 * The sync wire format, version 1: every message between a store and the chain is a JSON envelope
 * `{ v: 1, id, kind, storeId, at, body }` whose body is validated by the schema of its kind before anything
 * touches the database. docs/sync.md prints these schemas for the people who build the chain side.
 */
import { z } from 'zod';

export const WIRE_VERSION = 1;

const IsoTime = z.iso.datetime({ offset: true });
/** A message id: unique per message (a UUID in practice), safe to print and to use as a key. */
export const MessageId = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'a message id uses letters, digits and _ . : - only');
/** A store id becomes a topic level, so MQTT wildcards and separators are not allowed in it. */
export const StoreId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'a store id uses letters, digits, dots, dashes and underscores only');
const Id = z.string().min(1).max(100);
const Name = z.string().trim().min(1).max(100);

export const ChainCustomer = z
  .object({ id: Id, firstName: Name, lastName: z.string().trim().max(100), email: z.string().max(200) })
  .strict();
export type ChainCustomer = z.infer<typeof ChainCustomer>;

// ---- Down: chain -> store -------------------------------------------------------------------------------

/** A pickup order for this store. `status` lets the chain send an order that is already ready. */
export const OrderBody = z
  .object({
    orderId: Id,
    number: z.number().int().positive().max(999_999_999),
    customer: ChainCustomer,
    items: z
      .array(
        z
          .object({
            productId: Id,
            name: Name,
            quantity: z.number().int().positive().max(999),
          })
          .strict(),
      )
      .min(1)
      .max(200),
    status: z.enum(['preparing', 'ready']).default('preparing'),
    placedAt: IsoTime,
  })
  .strict();
export type OrderBody = z.infer<typeof OrderBody>;

export const OrderCancelBody = z
  .object({ orderId: Id, reason: z.string().max(300).default(''), cancelledAt: IsoTime })
  .strict();
export type OrderCancelBody = z.infer<typeof OrderCancelBody>;

export const CatalogueProduct = z
  .object({
    id: Id,
    name: Name,
    category: z.string().trim().min(1).max(60),
    priceCents: z.number().int().nonnegative().max(100_000_000),
    active: z.boolean().default(true),
    promoted: z.boolean().default(false),
  })
  .strict();
export type CatalogueProduct = z.infer<typeof CatalogueProduct>;

/** Products and prices; `version` is the chain's catalogue version (last writer wins, per product). */
export const CatalogueBody = z
  .object({ version: z.number().int().positive(), products: z.array(CatalogueProduct).min(1).max(5000) })
  .strict();
export type CatalogueBody = z.infer<typeof CatalogueBody>;

export const CampaignBody = z
  .object({
    campaignId: Id,
    version: z.number().int().positive(),
    title: z.string().trim().min(1).max(120),
    message: z.string().max(500).default(''),
    productIds: z.array(Id).max(50).default([]),
    startsAt: IsoTime,
    endsAt: IsoTime,
    active: z.boolean().default(true),
  })
  .strict()
  .refine((c) => Date.parse(c.endsAt) > Date.parse(c.startsAt), 'endsAt must be after startsAt');
export type CampaignBody = z.infer<typeof CampaignBody>;

/** Float32 little-endian, base64: 1 to 4096 numbers. */
const Template = z
  .string()
  .min(8)
  .max(22_000)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'a template is base64');

/**
 * An enrolment made in another store by a customer who consented to chain-wide recognition. Carries the
 * consent record and the face templates; never a photo or a thumbnail.
 */
export const EnrolmentDownBody = z
  .object({
    customer: ChainCustomer,
    consent: z
      .object({
        textVersion: z.string().min(1).max(40),
        agreedAt: IsoTime,
        recordedBy: z.string().min(1).max(100),
        recordedAtStore: StoreId,
        chainWide: z.literal(true),
      })
      .strict(),
    modelId: z.string().min(1).max(100),
    templates: z.array(Template).min(1).max(30),
  })
  .strict();
export type EnrolmentDownBody = z.infer<typeof EnrolmentDownBody>;

/** A customer asked to be forgotten: erase their face data here too. Wins over everything. */
export const ErasureDownBody = z.object({ customerId: Id, erasedAt: IsoTime }).strict();
export type ErasureDownBody = z.infer<typeof ErasureDownBody>;

export const DOWN_BODIES = {
  order: OrderBody,
  'order-cancel': OrderCancelBody,
  catalogue: CatalogueBody,
  campaign: CampaignBody,
  enrolment: EnrolmentDownBody,
  erasure: ErasureDownBody,
} as const;
export type DownKind = keyof typeof DOWN_BODIES;
export const DOWN_KINDS = Object.keys(DOWN_BODIES) as DownKind[];
/** Kinds the chain may send to every store at once on `kiosk/v1/chain/down/<kind>`. */
export const CHAIN_WIDE_KINDS: readonly DownKind[] = ['catalogue', 'campaign', 'enrolment', 'erasure'];

export function isDownKind(value: string): value is DownKind {
  return Object.hasOwn(DOWN_BODIES, value);
}

// ---- Up: store -> chain ---------------------------------------------------------------------------------

export const VisitBody = z
  .object({
    visitId: z.number().int(),
    customerId: Id,
    cameraId: z.string().max(100),
    arrivedAt: IsoTime,
    score: z.number(),
    /** The open order the customer had: the chain's id when it came from the chain. */
    orderId: z.string().nullable(),
    orderNumber: z.number().int().nullable(),
  })
  .strict();
export type VisitBody = z.infer<typeof VisitBody>;

const Status = z.enum(['preparing', 'ready', 'collected', 'cancelled']);
export const OrderStatusBody = z
  .object({
    orderId: z.string().nullable(),
    number: z.number().int(),
    from: Status,
    to: Status,
    clerk: z.string().max(100),
    at: IsoTime,
  })
  .strict();
export type OrderStatusBody = z.infer<typeof OrderStatusBody>;

/**
 * A customer enrolled in this store. Consent only; face templates never leave the store unless the customer
 * consented to chain-wide recognition (not offered by this version's enrolment screen, so `templates` is empty).
 */
export const EnrolmentUpBody = z
  .object({
    customerId: Id,
    consent: z
      .object({
        textVersion: z.string(),
        agreedAt: IsoTime,
        recordedBy: z.string(),
        thumbnailAgreed: z.boolean(),
        chainWide: z.boolean(),
      })
      .strict(),
    modelId: z.string(),
    templateCount: z.number().int().nonnegative(),
    templates: z.array(Template).max(30),
  })
  .strict();
export type EnrolmentUpBody = z.infer<typeof EnrolmentUpBody>;

/** The store erased a customer's face data: on a manager's request here, or following the chain's erasure. */
export const ErasureUpBody = z
  .object({
    customerId: Id,
    erasedAt: IsoTime,
    /** The manager, or "chain" when the store followed an erasure from the chain (an acknowledgement). */
    actor: z.string(),
    removed: z
      .object({
        templates: z.number().int(),
        thumbnails: z.number().int(),
        visits: z.number().int(),
        consents: z.number().int(),
      })
      .strict(),
  })
  .strict();
export type ErasureUpBody = z.infer<typeof ErasureUpBody>;

/** Faces seen per camera in one finished UTC hour: counts only, the audience aggregate. */
export const FootfallBody = z
  .object({
    hour: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}$/),
    cameras: z.array(z.object({ cameraId: z.string(), facesSeen: z.number().int().nonnegative() }).strict()),
  })
  .strict();
export type FootfallBody = z.infer<typeof FootfallBody>;

export const HealthBody = z
  .object({
    online: z.boolean(),
    cameras: z.array(
      z
        .object({
          cameraId: z.string(),
          state: z.string(),
          fpsIn: z.number(),
          fpsAnalysed: z.number(),
          lastError: z.string().nullable(),
        })
        .strict(),
    ),
    queue: z.object({ waiting: z.number().int(), oldestWaitingAt: IsoTime.nullable() }).strict(),
    lastSyncAt: IsoTime.nullable(),
    version: z.string(),
  })
  .strict();
export type HealthBody = z.infer<typeof HealthBody>;

export const UP_BODIES = {
  visit: VisitBody,
  'order-status': OrderStatusBody,
  enrolment: EnrolmentUpBody,
  erasure: ErasureUpBody,
  footfall: FootfallBody,
  health: HealthBody,
} as const;
export type UpKind = keyof typeof UP_BODIES;
export type UpBody<K extends UpKind> = z.infer<(typeof UP_BODIES)[K]>;

export function isUpKind(value: string): value is UpKind {
  return Object.hasOwn(UP_BODIES, value);
}

// ---- Envelope -----------------------------------------------------------------------------------------

/** The envelope around every body. `storeId` is null on chain-wide messages. */
export const Envelope = z
  .object({
    v: z.literal(WIRE_VERSION),
    id: MessageId,
    kind: z.string().min(1).max(40),
    storeId: StoreId.nullable(),
    at: IsoTime,
    body: z.unknown(),
  })
  .strict();
export type Envelope = z.infer<typeof Envelope>;

export type DownMessage = {
  [K in DownKind]: {
    readonly id: string;
    readonly kind: K;
    readonly at: string;
    readonly body: z.infer<(typeof DOWN_BODIES)[K]>;
  };
}[DownKind];

/** A message the store sends, before its envelope is added. */
export type UpMessage = {
  [K in UpKind]: {
    readonly kind: K;
    readonly body: UpBody<K>;
    /** When the local change happened. */
    readonly at: string;
    /** The customer it is about (visits, enrolments): an erasure drops unsent rows about them. */
    readonly subject?: string;
  };
}[UpKind];

/** Builds the JSON a store publishes. */
export function envelopeJson(message: {
  id: string;
  kind: string;
  storeId: string;
  at: string;
  body: unknown;
}): string {
  return JSON.stringify({
    v: WIRE_VERSION,
    id: message.id,
    kind: message.kind,
    storeId: message.storeId,
    at: message.at,
    body: message.body,
  });
}
