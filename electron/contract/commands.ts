/**
 * Every command: its input and output schema. Access rules live in `access.ts`; the `satisfies`
 * clause below makes the compiler reject a command that has a schema but no access rule, or the reverse.
 */
import { z } from 'zod';
import type { CommandName } from './access.js';
import * as desktop from './desktop.js';
import * as admin from './admin-dto.js';
import * as dto from './dto.js';
import * as sync from './sync-dto.js';

const Empty = z.object({}).strict();
const Id = z.string().min(1).max(100);
/** The clerk doing something on the pickup board: every action is recorded with this name. */
const Clerk = z.string().trim().min(1, 'Say which clerk you are.').max(60);

interface CommandSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

export const COMMANDS = {
  'app.info': { input: Empty, output: dto.AppInfo },
  'auth.status': { input: Empty, output: dto.AuthStatus },
  'auth.setupManager': {
    input: z.object({ username: dto.Username, password: dto.NewPassword }).strict(),
    output: dto.AuthStatus,
  },
  'auth.login': {
    input: z.object({ username: dto.Username, password: z.string().min(1).max(200) }).strict(),
    output: dto.AuthStatus,
  },
  'auth.logout': { input: Empty, output: dto.AuthStatus },
  'customers.list': {
    input: z.object({ query: z.string().max(100).optional() }).strict(),
    output: z.array(dto.CustomerSummary),
  },
  'customers.erase': { input: z.object({ customerId: Id }).strict(), output: z.object({ erased: z.boolean() }) },
  'consent.text': { input: Empty, output: dto.ConsentText },
  'enrolment.start': {
    input: z
      .object({
        customerId: Id,
        consentTextVersion: z.string().min(1),
        /** The manager confirms the customer read the text and agreed; there is no way to enrol without it. */
        customerAgreed: z.literal(true),
        thumbnailAgreed: z.boolean(),
      })
      .strict(),
    output: dto.EnrolmentSession,
  },
  'enrolment.captureSample': { input: z.object({ enrolmentId: Id }).strict(), output: dto.SampleResult },
  'enrolment.finish': { input: z.object({ enrolmentId: Id }).strict(), output: dto.CustomerSummary },
  'enrolment.cancel': { input: z.object({ enrolmentId: Id }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'orders.listOpen': { input: Empty, output: z.array(dto.Order) },
  'orders.advance': {
    input: z
      .object({
        orderId: z.number().int().positive(),
        to: z.enum(['ready', 'collected']),
        clerk: z.string().trim().min(1, 'Say which clerk you are.').max(60),
      })
      .strict(),
    output: dto.Order,
  },
  'alerts.list': { input: Empty, output: z.array(dto.PickupAlert) },
  'alerts.dismiss': {
    input: z.object({ visitId: z.number().int(), clerk: Clerk.optional() }).strict(),
    output: z.object({}),
  },
  /** A clerk answers "Is this Anna K.?": yes shows her greeting; no ("not her") drops the ticket. */
  'alerts.confirm': {
    input: z.object({ visitId: z.number().int(), confirmed: z.boolean(), clerk: Clerk }).strict(),
    output: z.object({ match: z.enum(['confirmed', 'rejected']) }),
  },
  /** Undo the order's last bump; `from` is the status the clerk saw, so a recall never undoes someone else's bump. */
  'orders.recall': {
    input: z
      .object({ orderId: z.number().int().positive(), from: z.enum(['ready', 'collected']), clerk: Clerk })
      .strict(),
    output: dto.Order,
  },
  'board.history': { input: Empty, output: z.array(dto.HistoryTicket) },
  'board.config': { input: Empty, output: dto.BoardConfig },
  'board.saveConfig': {
    input: dto.BoardConfig.strict().refine((c) => c.redAfterMinutes > c.amberAfterMinutes, {
      message: 'Tickets must turn red later than amber.',
      path: ['redAfterMinutes'],
    }),
    output: dto.BoardConfig,
  },
  'display.current': { input: Empty, output: dto.DisplayState },
  'camera.status': { input: Empty, output: z.array(dto.CameraStatus) },
  /** "Not this person": the same as alerts.confirm with confirmed false; the match is never proposed again. */
  'recognition.reject': {
    input: z.object({ visitId: z.number().int(), clerk: Clerk.optional() }).strict(),
    output: z.object({ match: z.literal('rejected') }),
  },
  'vision.stats': { input: Empty, output: dto.VisionStats },
  'camera.pushFrame': {
    input: z.object({ jpeg: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0, 'empty frame') }).strict(),
    output: z.object({ accepted: z.boolean() }),
  },
  'camera.reportError': {
    input: z.object({ message: z.string().max(500), cameraId: Id.optional() }).strict(),
    output: z.object({}),
  },
  'cameras.list': { input: Empty, output: z.array(dto.CameraConfig) },
  'cameras.save': { input: dto.CameraInput.strict(), output: dto.CameraConfig },
  'cameras.remove': { input: z.object({ cameraId: Id }).strict(), output: z.object({ removed: z.boolean() }) },
  /** Which camera's live preview the admin window shows (null: the first entrance camera). */
  'cameras.watch': { input: z.object({ cameraId: Id.nullable() }).strict(), output: z.object({}) },
  /** The USB cameras the capture window last saw, for the device picker. */
  'cameras.devices': { input: Empty, output: z.array(dto.VideoDevice) },
  'capture.plan': { input: Empty, output: z.array(dto.CapturePlanEntry) },
  'capture.reportDevices': {
    input: z.object({ devices: z.array(dto.VideoDevice).max(32) }).strict(),
    output: z.object({}),
  },
  'kiosk.state': { input: Empty, output: desktop.KioskState },
  'kiosk.updateSettings': { input: desktop.KioskSettingsPatch, output: desktop.KioskState },
  'kiosk.unlock': {
    input: z.object({ password: z.string().min(1, 'Enter the manager password.').max(200) }).strict(),
    output: desktop.KioskState,
  },
  'kiosk.lock': { input: Empty, output: desktop.KioskState },
  'kiosk.reportDisplays': {
    input: z.object({ displays: z.array(desktop.DisplayInfo).max(16) }).strict(),
    output: z.object({}),
  },
  'support.exportLogs': { input: Empty, output: desktop.LogExport },
  'lan.status': { input: Empty, output: desktop.LanStatus },
  'lan.setEnabled': { input: z.object({ enabled: z.boolean() }).strict(), output: desktop.LanStatus },
  'lan.newCode': { input: desktop.LanCodeInput, output: desktop.LanStatus },
  'lan.revoke': { input: z.object({ pairingId: Id }).strict(), output: desktop.LanStatus },
  'cloud.status': { input: Empty, output: desktop.CloudStatus },
  'cloud.updateSettings': { input: desktop.CloudSettingsInput, output: desktop.CloudStatus },
  /** A clerk (or manager) signs in on a staff window; actions on the board can then carry their name. */
  'auth.clerkLogin': {
    input: z.object({ username: dto.Username, password: z.string().min(1).max(200) }).strict(),
    output: admin.ClerkSession,
  },
  'auth.clerkLogout': { input: Empty, output: z.object({}) },
  /** The customer withdrew consent: templates, thumbnail and visits go; the withdrawn consent stays on record. */
  'customers.withdrawConsent': {
    input: z.object({ customerId: Id }).strict(),
    output: z.object({ withdrawn: z.boolean() }),
  },
  'reports.audience': { input: admin.ReportQuery, output: admin.AudienceReport },
  'reports.exportCsv': { input: admin.ReportQuery, output: admin.CsvExport },
  'users.list': { input: Empty, output: z.array(admin.UserAccount) },
  'users.create': { input: admin.NewUserAccount, output: admin.UserAccount },
  'users.setDisabled': {
    input: z.object({ userId: z.number().int().positive(), disabled: z.boolean() }).strict(),
    output: admin.UserAccount,
  },
  'users.resetPassword': {
    input: z.object({ userId: z.number().int().positive(), password: dto.NewPassword }).strict(),
    output: admin.UserAccount,
  },
  'audit.list': { input: admin.AuditQuery, output: z.array(admin.AuditEntry) },
  'privacy.settings': { input: Empty, output: admin.PrivacySettings },
  'privacy.updateSettings': { input: admin.PrivacySettings.strict(), output: admin.PrivacySettings },
  'privacy.notice': { input: Empty, output: admin.PrivacyNotice },
  'privacy.purgeNow': { input: Empty, output: admin.PurgeOutcome },
  'backups.list': { input: Empty, output: z.array(admin.BackupInfo) },
  'backups.create': { input: Empty, output: admin.BackupInfo },
  'backups.restore': {
    input: z.object({ name: admin.BackupName }).strict(),
    output: z.object({ restored: admin.BackupInfo, safety: admin.BackupInfo }),
  },
  'sync.status': { input: Empty, output: sync.SyncStatus },
  'sync.settings.get': { input: Empty, output: sync.SyncSettingsView },
  'sync.settings.set': { input: sync.SyncSettingsInput, output: sync.SyncSettingsView },
} as const satisfies Record<CommandName, CommandSpec>;

export type CommandInput<K extends CommandName> = z.infer<(typeof COMMANDS)[K]['input']>;
export type CommandOutput<K extends CommandName> = z.infer<(typeof COMMANDS)[K]['output']>;
