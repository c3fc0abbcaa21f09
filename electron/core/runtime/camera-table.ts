/**
 * The `cameras` table (migration 7): the store's cameras as the manager configured them. A record holds the full
 * source, credentials included, because connecting needs them; `toCameraConfig` is the only way a record leaves
 * the core, and it shows the source redacted.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  CameraKind,
  CameraRole,
  MaskPolygon,
  UsbCaptureMode,
  WorkingHours,
  type CameraConfig,
  type CameraInput,
} from '../../contract/dto.js';
import { CommandError } from '../../contract/result.js';
import { isoAt, type Clock } from '../clock.js';
import { CameraSpecError, parseCameraSpec, redactUrl, shownSource, type CameraSpec } from '../camera/camera-spec.js';
import type { ReadableDb, WritableDb } from '../store/database.js';

/** A store plans ten; a few more leave room for a spare without letting a typo add a hundred. */
export const MAX_CAMERAS = 16;
export const DEFAULT_SAMPLING_FPS = 5;
export const DEFAULT_USB_MODE = { width: 640, height: 480, fps: 15 } as const;

export interface CameraRecord extends Omit<CameraConfig, 'source'> {
  /** The source as entered: credentials included. Connect with it; never show or log it. */
  readonly source: string;
}

const Row = z.object({
  id: z.string(),
  name: z.string(),
  role: CameraRole,
  kind: CameraKind,
  source: z.string(),
  sampling_fps: z.number(),
  hours: z.string().nullable(),
  enabled: z.number(),
  masks: z.string(),
  usb_mode: z.string().nullable(),
});

function fromRow(raw: unknown): CameraRecord {
  const row = Row.parse(raw);
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    kind: row.kind,
    source: row.source,
    samplingFps: row.sampling_fps,
    hours: row.hours === null ? null : WorkingHours.parse(JSON.parse(row.hours)),
    enabled: row.enabled === 1,
    masks: z.array(MaskPolygon).parse(JSON.parse(row.masks)),
    usb: row.usb_mode === null ? null : UsbCaptureMode.parse(JSON.parse(row.usb_mode)),
  };
}

const COLUMNS = 'id, name, role, kind, source, sampling_fps, hours, enabled, masks, usb_mode';

export function listCameraRecords(db: ReadableDb): CameraRecord[] {
  return db.prepare(`SELECT ${COLUMNS} FROM cameras ORDER BY position, created_at, id`).all().map(fromRow);
}

export function getCameraRecord(db: ReadableDb, id: string): CameraRecord | null {
  const row: unknown = db.prepare(`SELECT ${COLUMNS} FROM cameras WHERE id = ?`).get(id);
  return row === undefined ? null : fromRow(row);
}

/** The source as people may see it. */
export function shownSourceOf(record: Pick<CameraRecord, 'kind' | 'source'>): string {
  return record.kind === 'mjpeg-url' || record.kind === 'rtsp' ? redactUrl(record.source) : record.source;
}

export function toCameraConfig(record: CameraRecord): CameraConfig {
  return { ...record, source: shownSourceOf(record) };
}

/** The record's source parsed for connecting (the id is the camera's, not the URL's). */
export function specOf(record: CameraRecord): CameraSpec {
  return { ...parseCameraSpec(record.source), id: record.id };
}

function write(db: WritableDb, clock: Clock, record: CameraRecord, isNew: boolean): void {
  const now = isoAt(clock.now());
  const params = {
    id: record.id,
    name: record.name,
    role: record.role,
    kind: record.kind,
    source: record.source,
    sampling_fps: record.samplingFps,
    hours: record.hours === null ? null : JSON.stringify(record.hours),
    enabled: record.enabled ? 1 : 0,
    masks: JSON.stringify(record.masks),
    usb_mode: record.usb === null ? null : JSON.stringify(record.usb),
    now,
  };
  if (isNew) {
    db.prepare(
      `INSERT INTO cameras (${COLUMNS}, position, created_at, updated_at)
       VALUES (@id, @name, @role, @kind, @source, @sampling_fps, @hours, @enabled, @masks, @usb_mode,
               (SELECT COALESCE(MAX(position), 0) + 1 FROM cameras), @now, @now)`,
    ).run(params);
  } else {
    db.prepare(
      `UPDATE cameras SET name = @name, role = @role, kind = @kind, source = @source, sampling_fps = @sampling_fps,
         hours = @hours, enabled = @enabled, masks = @masks, usb_mode = @usb_mode, updated_at = @now
       WHERE id = @id`,
    ).run(params);
  }
}

/**
 * Adds (no id) or changes a camera. The source is checked the way `--camera` is; a source equal to the stored
 * one's redacted form keeps the stored one, so editing a camera's name does not need its password again.
 */
export function saveCamera(
  db: WritableDb,
  clock: Clock,
  input: CameraInput,
  options: { cwd?: string } = {},
): CameraRecord {
  return db.transaction((): CameraRecord => {
    const existing = input.id === undefined ? null : getCameraRecord(db, input.id);
    if (input.id !== undefined && existing === null) throw new CommandError('not_found', 'There is no such camera.');
    if (existing === null && (db.prepare('SELECT COUNT(*) FROM cameras').pluck().get() as number) >= MAX_CAMERAS) {
      throw new CommandError('conflict', `A store can have at most ${MAX_CAMERAS} cameras; remove one first.`);
    }
    const source = existing !== null && input.source === shownSourceOf(existing) ? existing.source : input.source;
    let spec: CameraSpec;
    try {
      spec = parseCameraSpec(source, options);
    } catch (error) {
      if (error instanceof CameraSpecError) throw new CommandError('invalid_payload', error.message);
      throw error;
    }
    const record: CameraRecord = {
      id: existing?.id ?? `cam-${randomUUID().slice(0, 8)}`,
      name: input.name,
      role: input.role,
      kind: spec.kind,
      source: spec.kind === 'mjpeg-file' || spec.kind === 'y4m-file' ? (spec.path ?? source) : source,
      samplingFps: input.samplingFps,
      hours: input.hours,
      enabled: input.enabled,
      masks: input.masks,
      usb: spec.kind === 'usb' ? (input.usb ?? DEFAULT_USB_MODE) : null,
    };
    write(db, clock, record, existing === null);
    return record;
  })();
}

export function removeCamera(db: WritableDb, id: string): boolean {
  return db.prepare('DELETE FROM cameras WHERE id = ?').run(id).changes > 0;
}

/**
 * First start: the `--camera` argument becomes the store's entrance camera, keeping its old id (visits and
 * footfall already carry it). Does nothing once any camera is configured. Returns whether it seeded.
 */
export function seedCameraFromSpec(db: WritableDb, clock: Clock, spec: CameraSpec, source: string): boolean {
  return db.transaction((): boolean => {
    if ((db.prepare('SELECT COUNT(*) FROM cameras').pluck().get() as number) > 0) return false;
    write(
      db,
      clock,
      {
        id: spec.id,
        name: spec.kind === 'usb' ? 'Entrance (USB)' : 'Entrance',
        role: 'entrance',
        kind: spec.kind,
        source,
        samplingFps: DEFAULT_SAMPLING_FPS,
        hours: null,
        enabled: true,
        masks: [],
        usb: spec.kind === 'usb' ? DEFAULT_USB_MODE : null,
      },
      true,
    );
    return true;
  })();
}

/** For logs: a camera's source without credentials. */
export function describeSpec(spec: CameraSpec): string {
  return shownSource(spec);
}

/**
 * The camera the hosts describe in AppInfo: the first enabled USB camera when there is one (so the capture window
 * is opened and its URL printed even when `--camera` named a stream), else the `--camera` camera.
 */
export function hostCameraInfo(db: ReadableDb, fallback: CameraSpec): { id: string; kind: CameraKind; device: string } {
  const usb = listCameraRecords(db).find((r) => r.kind === 'usb' && r.enabled);
  if (usb !== undefined) return { id: usb.id, kind: 'usb', device: specOf(usb).device ?? '' };
  return { id: fallback.id, kind: fallback.kind, device: fallback.device ?? '' };
}
