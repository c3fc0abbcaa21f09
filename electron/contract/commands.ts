/**
 * Every command: its input and output schema. Access rules live in `access.ts`; the `satisfies`
 * clause below makes the compiler reject a command that has a schema but no access rule, or the reverse.
 */
import { z } from 'zod';
import type { CommandName } from './access.js';
import * as dto from './dto.js';

const Empty = z.object({}).strict();
const Id = z.string().min(1).max(100);

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
  'alerts.dismiss': { input: z.object({ visitId: z.number().int() }).strict(), output: z.object({}) },
  'display.current': { input: Empty, output: dto.DisplayState },
  'camera.status': { input: Empty, output: z.array(dto.CameraStatus) },
  'camera.pushFrame': {
    input: z.object({ jpeg: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0, 'empty frame') }).strict(),
    output: z.object({ accepted: z.boolean() }),
  },
  'camera.reportError': { input: z.object({ message: z.string().max(500) }).strict(), output: z.object({}) },
} as const satisfies Record<CommandName, CommandSpec>;

export type CommandInput<K extends CommandName> = z.infer<(typeof COMMANDS)[K]['input']>;
export type CommandOutput<K extends CommandName> = z.infer<(typeof COMMANDS)[K]['output']>;
