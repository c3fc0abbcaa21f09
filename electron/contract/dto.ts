/**
 * The data that crosses between the core and the windows, as zod schemas with their inferred types.
 * Times are ISO-8601 strings; money is integer cents; images are data: URLs (never file paths).
 */
import { z } from 'zod';

export const IsoTime = z.iso.datetime({ offset: true });

export const CameraKind = z.enum(['usb', 'mjpeg-url', 'mjpeg-file', 'rtsp', 'y4m-file']);
export type CameraKind = z.infer<typeof CameraKind>;

/** What a camera watches: only 'entrance' cameras greet customers and raise the staff banner when down. */
export const CameraRole = z.enum(['entrance', 'checkout', 'pickup', 'aisle', 'other']);
export type CameraRole = z.infer<typeof CameraRole>;

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
  /** Templates per face model (each sample is stored once per model that described it). */
  templates: z.number().int().nonnegative(),
  consent: ConsentRecord.nullable(),
  /**
   * In customers.list once the face models have loaded: true when the customer is enrolled, but only with another
   * face model than the running one, so they are not recognised until enrolled again. Absent otherwise.
   */
  needsReenrolment: z.boolean().optional(),
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
  'head_turned',
  'not_live',
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
  /**
   * Whether a clerk has confirmed the match: 'pending' asks "Is this Anna K.?" on the board (nothing personal
   * reaches the customer display until then); 'auto' when the store turned confirmation off.
   */
  match: z.enum(['auto', 'pending', 'confirmed']),
  /** The clerk who confirmed it. */
  reviewedBy: z.string().nullable(),
});
export type PickupAlert = z.infer<typeof PickupAlert>;

/** The pickup board's settings: when tickets turn amber and red, and whether a clerk confirms each match. */
export const BoardConfig = z.object({
  amberAfterMinutes: z.number().int().min(1).max(240),
  redAfterMinutes: z.number().int().min(1).max(240),
  confirmMatches: z.boolean(),
});
export type BoardConfig = z.infer<typeof BoardConfig>;

/** One thing that happened to a ticket today, with who did it. */
export const BoardAction = z.object({
  action: z.enum([
    'arrived',
    'confirmed',
    'rejected',
    'dismissed',
    'placed',
    'ready',
    'collected',
    'cancelled',
    'recalled',
  ]),
  /** A clerk's name; 'camera' for an arrival, the creator for a placed order. */
  actor: z.string(),
  at: IsoTime,
});
export type BoardAction = z.infer<typeof BoardAction>;

/** A ticket of today for the board's history: a visit, an order, or a visit with its order. */
export const HistoryTicket = z.object({
  key: z.string(),
  visitId: z.number().int().nullable(),
  customerName: z.string(),
  arrivedAt: IsoTime.nullable(),
  match: z.enum(['auto', 'pending', 'confirmed', 'rejected']).nullable(),
  order: Order.nullable(),
  /** Oldest first. */
  actions: z.array(BoardAction),
  /** The order's last bump can be undone (it is ready or collected). */
  recallable: z.boolean(),
  /** Newest action's time, for sorting. */
  lastAt: IsoTime,
});
export type HistoryTicket = z.infer<typeof HistoryTicket>;

/** A scheduled campaign on the idle loop. */
export const CampaignSlide = z.object({
  id: z.string(),
  headline: z.string(),
  body: z.string(),
  product: Product.nullable(),
});
export type CampaignSlide = z.infer<typeof CampaignSlide>;

export const DisplayState = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('idle'),
    offers: z.array(Offer),
    /** The scheduled campaigns live now, highest priority first (absent from older cores). */
    campaigns: z.array(CampaignSlide).optional(),
  }),
  /** Someone is at the door but nothing personal may show: waiting for a clerk, or another person is in view. */
  z.object({ kind: z.literal('welcome') }),
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
  /** The name the manager gave the camera (the id for a camera from --camera until renamed). */
  name: z.string(),
  role: CameraRole,
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
  /** 95th percentile of frame arrival to decision over the latest analysed frames; null before any. */
  p95LatencyMs: z.number().nonnegative().nullable(),
});
export type CameraStatus = z.infer<typeof CameraStatus>;

/** Customers enrolled with other face models only, whom the running engine does not recognise (admin window). */
export const ReenrolmentStatus = z.object({
  /** The running engine's template model id. */
  modelId: z.string(),
  count: z.number().int().nonnegative(),
  /** What to do about them, for the manager; null when there is nobody to enrol again. */
  message: z.string().nullable(),
});
export type ReenrolmentStatus = z.infer<typeof ReenrolmentStatus>;

/** Face engine and recognition counters since start (admin window). */
export const VisionStats = z.object({
  backend: z.enum(['human', 'onnx']),
  modelId: z.string(),
  /** Worker threads running the engine (0: it runs on the core's own thread). */
  workers: z.number().int().nonnegative(),
  frames: z.number().int().nonnegative(),
  /** Frames superseded by a newer frame of their camera before the engine took them. */
  framesDropped: z.number().int().nonnegative(),
  faces: z.number().int().nonnegative(),
  facesMatched: z.number().int().nonnegative(),
  embeddings: z.number().int().nonnegative(),
  /** Faces turned away, by the quality gate that turned them away. */
  gates: z.object({
    too_small: z.number().int().nonnegative(),
    low_confidence: z.number().int().nonnegative(),
    too_blurry: z.number().int().nonnegative(),
    head_turned: z.number().int().nonnegative(),
    head_tilted: z.number().int().nonnegative(),
    spoof: z.number().int().nonnegative(),
    not_live: z.number().int().nonnegative(),
  }),
  decisions: z.number().int().nonnegative(),
  tracksRejected: z.number().int().nonnegative(),
  galleryTemplates: z.number().int().nonnegative(),
  galleryPeople: z.number().int().nonnegative(),
  /** Customers who must be enrolled again to be recognised by this engine's model. */
  reenrolment: ReenrolmentStatus,
});
export type VisionStats = z.infer<typeof VisionStats>;

export const CameraPreview = z.object({
  cameraId: z.string(),
  jpegDataUrl: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** trackId follows one face across frames of this camera (absent from older cores). */
  faces: z.array(z.object({ box: FaceBox, known: z.boolean(), trackId: z.number().int().optional() })),
});
export type CameraPreview = z.infer<typeof CameraPreview>;

/** A point of a privacy mask, relative to the frame (0..1), so a mask fits whatever resolution the camera sends. */
export const MaskPoint = z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) });
/** A privacy mask: a polygon blacked out before analysis and in every preview. */
export const MaskPolygon = z.array(MaskPoint).min(3, 'A mask needs at least 3 corners.').max(64);
export type MaskPolygon = z.infer<typeof MaskPolygon>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write times as HH:MM, e.g. 07:30.');
/** When a camera is analysed; close before open means overnight. `days` 0 = Sunday; absent = every day. */
export const WorkingHours = z.object({
  open: ClockTime,
  close: ClockTime,
  days: z.array(z.number().int().min(0).max(6)).max(7).optional(),
});
export type WorkingHours = z.infer<typeof WorkingHours>;

/** What the capture window asks a USB camera for. */
export const UsbCaptureMode = z.object({
  width: z.number().int().min(160).max(3840),
  height: z.number().int().min(120).max(2160),
  fps: z.number().min(1).max(60),
});
export type UsbCaptureMode = z.infer<typeof UsbCaptureMode>;

/** A configured camera as the admin window sees it: the source with credentials removed. */
export const CameraConfig = z.object({
  id: z.string(),
  name: z.string(),
  role: CameraRole,
  kind: CameraKind,
  /** usb:<device>, a URL (credentials replaced), or a file path. */
  source: z.string(),
  /** Analyses per second at most. */
  samplingFps: z.number().positive(),
  /** null = analysed around the clock. */
  hours: WorkingHours.nullable(),
  enabled: z.boolean(),
  masks: z.array(MaskPolygon),
  /** USB cameras only: the resolution and frame rate the capture window asks for. */
  usb: UsbCaptureMode.nullable(),
});
export type CameraConfig = z.infer<typeof CameraConfig>;

/** A camera to add (no id) or to change (with id). A source equal to the shown, redacted one keeps the stored one. */
export const CameraInput = z.object({
  id: z.string().min(1).max(100).optional(),
  name: z.string().trim().min(1, 'Give the camera a name.').max(60),
  role: CameraRole,
  source: z.string().trim().min(1, 'Say where the camera is: usb, a URL or a file.').max(2000),
  samplingFps: z.number().min(0.2, 'Analyse at least one frame every 5 s.').max(30),
  hours: WorkingHours.nullable(),
  enabled: z.boolean(),
  masks: z.array(MaskPolygon).max(16),
  usb: UsbCaptureMode.nullable(),
});
export type CameraInput = z.infer<typeof CameraInput>;

/** A video input the capture window can see (labels appear once it has camera permission). */
export const VideoDevice = z.object({ deviceId: z.string().max(500), label: z.string().max(200) });
export type VideoDevice = z.infer<typeof VideoDevice>;

/** What the capture window should open: one entry per enabled USB camera. */
export const CapturePlanEntry = z.object({
  cameraId: z.string(),
  name: z.string(),
  /** Device id or label fragment ('' = the default camera). */
  device: z.string(),
  mode: UsbCaptureMode,
});
export type CapturePlanEntry = z.infer<typeof CapturePlanEntry>;
