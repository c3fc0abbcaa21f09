/**
 * The data that crosses between the core and the windows, as zod schemas with their inferred types.
 * Times are ISO-8601 strings; money is integer cents; images are data: URLs (never file paths).
 */
import { z } from 'zod';

export const IsoTime = z.iso.datetime({ offset: true });

export const CameraKind = z.enum(['usb', 'mjpeg-url', 'mjpeg-file']);
export type CameraKind = z.infer<typeof CameraKind>;

export const AppInfo = z.object({
  productName: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  storeName: z.string(),
  camera: z.object({
    id: z.string(),
    kind: CameraKind,
    /** For a USB camera: the device id or label fragment the capture window should open ('' = default). */
    device: z.string(),
  }),
  visionBackend: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const AuthStatus = z.object({
  managerConfigured: z.boolean(),
  signedIn: z.boolean(),
  username: z.string().nullable(),
});
export type AuthStatus = z.infer<typeof AuthStatus>;

export const Username = z
  .string()
  .trim()
  .min(2, 'A user name needs at least 2 characters.')
  .max(40)
  .regex(/^[\p{L}\p{N}._ -]+$/u, 'Use letters, digits, spaces, dots, dashes or underscores.');

export const NewPassword = z.string().min(8, 'Choose a password of at least 8 characters.').max(200);

export const ConsentRecord = z.object({
  textVersion: z.string(),
  agreedAt: IsoTime,
  recordedBy: z.string(),
  thumbnailAgreed: z.boolean(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

export const CustomerSummary = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  enrolled: z.boolean(),
  templates: z.number().int().nonnegative(),
  consent: ConsentRecord.nullable(),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const ConsentText = z.object({ version: z.string(), text: z.string() });
export type ConsentText = z.infer<typeof ConsentText>;

export const FaceBox = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
export type FaceBox = z.infer<typeof FaceBox>;

export const QualityRejection = z.enum([
  'no_face',
  'several_faces',
  'too_small',
  'too_blurry',
  'low_confidence',
  'partly_outside',
]);
export type QualityRejection = z.infer<typeof QualityRejection>;

export const EnrolmentSession = z.object({
  enrolmentId: z.string(),
  customerId: z.string(),
  samples: z.number().int().nonnegative(),
  required: z.number().int().positive(),
});
export type EnrolmentSession = z.infer<typeof EnrolmentSession>;

export const SampleResult = z.object({
  accepted: z.boolean(),
  reason: QualityRejection.nullable(),
  /** A sentence for the manager, e.g. "Move closer: the face is 80 px wide, 112 px needed." */
  message: z.string(),
  samples: z.number().int().nonnegative(),
  required: z.number().int().positive(),
});
export type SampleResult = z.infer<typeof SampleResult>;

export const Product = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  priceCents: z.number().int().nonnegative(),
  imageUrl: z.string(),
});
export type Product = z.infer<typeof Product>;

export const Offer = z.object({
  product: Product,
  /** A short honest reason shown to the customer, e.g. "Because you often buy Oat milk". */
  reason: z.string(),
});
export type Offer = z.infer<typeof Offer>;

export const ORDER_STATUSES = ['preparing', 'ready', 'collected', 'cancelled'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderItem = z.object({ productId: z.string(), name: z.string(), quantity: z.number().int().positive() });
export type OrderItem = z.infer<typeof OrderItem>;

export const Order = z.object({
  id: z.number().int(),
  number: z.number().int(),
  customerId: z.string(),
  customerName: z.string(),
  status: OrderStatus,
  items: z.array(OrderItem),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Order = z.infer<typeof Order>;

export const PickupAlert = z.object({
  visitId: z.number().int(),
  customerId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  /** Only present when the customer agreed to a staff thumbnail. */
  thumbnail: z.string().nullable(),
  order: Order.nullable(),
  arrivedAt: IsoTime,
  cameraId: z.string(),
});
export type PickupAlert = z.infer<typeof PickupAlert>;

export const DisplayState = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle'), offers: z.array(Offer) }),
  z.object({
    kind: z.literal('greeting'),
    visitId: z.number().int(),
    firstName: z.string(),
    order: z.object({ number: z.number().int(), status: OrderStatus }).nullable(),
    offers: z.array(Offer),
  }),
]);
export type DisplayState = z.infer<typeof DisplayState>;

export const CameraState = z.enum(['starting', 'running', 'stalled', 'error', 'stopped']);
export type CameraState = z.infer<typeof CameraState>;

export const CameraStatus = z.object({
  cameraId: z.string(),
  kind: CameraKind,
  state: CameraState,
  fpsIn: z.number().nonnegative(),
  fpsAnalysed: z.number().nonnegative(),
  framesIn: z.number().int().nonnegative(),
  framesAnalysed: z.number().int().nonnegative(),
  framesDropped: z.number().int().nonnegative(),
  framesRejected: z.number().int().nonnegative(),
  facesSeen: z.number().int().nonnegative(),
  reconnects: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
});
export type CameraStatus = z.infer<typeof CameraStatus>;

export const CameraPreview = z.object({
  cameraId: z.string(),
  jpegDataUrl: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  faces: z.array(z.object({ box: FaceBox, known: z.boolean() })),
});
export type CameraPreview = z.infer<typeof CameraPreview>;
