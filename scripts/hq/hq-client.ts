/**
 * The chain side's MQTT connection for `npm run hq`: publishes messages to a store (or the whole chain) with
 * QoS 1, waiting for each PUBACK, and watches a store's up topics. Also used by the sync tests, so they exercise
 * the same code an installer runs.
 */
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { WIRE_VERSION } from '../../electron/core/sync/messages.js';
import { chainDownTopic, storeDownTopic, upSubscription } from '../../electron/core/sync/topics.js';
import type { OutgoingMessage } from './messages-file.js';

export interface HqConnection {
  readonly broker: string;
  readonly username?: string;
  readonly password?: string;
  /** PEM text of a CA to trust (a private broker). */
  readonly ca?: string;
  /** A fixed client id gives a persistent session: the broker keeps the store's events while hq is away. */
  readonly clientId?: string;
}

export function connectHq(connection: HqConnection): Promise<MqttClient> {
  const options: IClientOptions = {
    clientId: connection.clientId ?? `hq-${process.pid}-${Math.random().toString(16).slice(2, 10)}`,
    clean: connection.clientId === undefined,
    reconnectPeriod: 500,
    connectTimeout: 10_000,
    ...(connection.username !== undefined ? { username: connection.username } : {}),
    ...(connection.password !== undefined ? { password: connection.password } : {}),
    ...(connection.ca !== undefined ? { ca: connection.ca } : {}),
  };
  const client = mqtt.connect(connection.broker, options);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.end(true);
      reject(new Error(`Could not reach the broker at ${connection.broker} within 10 s.`));
    }, 10_000);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve(client);
    });
  });
}

export function envelopeFor(message: OutgoingMessage, storeId: string, at: string): string {
  return JSON.stringify({
    v: WIRE_VERSION,
    id: message.id,
    kind: message.kind,
    storeId: message.scope === 'store' ? storeId : null,
    at,
    body: message.body,
  });
}

export function topicFor(message: OutgoingMessage, storeId: string): string {
  return message.scope === 'store' ? storeDownTopic(storeId, message.kind) : chainDownTopic(message.kind);
}

/** Publishes with QoS 1 and resolves when the broker acknowledged every message. */
export async function publishMessages(
  client: MqttClient,
  storeId: string,
  messages: readonly OutgoingMessage[],
): Promise<void> {
  const at = new Date().toISOString();
  await Promise.all(
    messages.map((message) =>
      client.publishAsync(topicFor(message, storeId), envelopeFor(message, storeId, at), { qos: 1 }),
    ),
  );
}

export interface UpEvent {
  readonly topic: string;
  readonly id: string;
  readonly kind: string;
  readonly body: unknown;
  readonly duplicate: boolean;
}

/** Counts of what a watch saw: unique ids per kind, and how many deliveries repeated an id. */
export interface WatchStats {
  readonly unique: number;
  readonly duplicates: number;
  readonly invalid: number;
  readonly byKind: Record<string, number>;
  readonly ids: Set<string>;
}

/** Subscribes to a store's up topics (or every store's, with '+'); calls `onEvent` for each delivery. */
export async function watchStore(
  client: MqttClient,
  storeId: string,
  onEvent: (event: UpEvent) => void = () => undefined,
): Promise<WatchStats> {
  const stats = { unique: 0, duplicates: 0, invalid: 0, byKind: {} as Record<string, number>, ids: new Set<string>() };
  client.on('message', (topic, payload) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload.toString('utf8'));
    } catch {
      stats.invalid += 1;
      return;
    }
    const envelope = parsed as { id?: unknown; kind?: unknown; body?: unknown };
    if (typeof envelope.id !== 'string' || typeof envelope.kind !== 'string') {
      stats.invalid += 1;
      return;
    }
    // Health is retained and republished: it is a state, not an event, so it is not counted as a duplicate.
    const duplicate = envelope.kind !== 'health' && stats.ids.has(envelope.id);
    if (duplicate) stats.duplicates += 1;
    else if (envelope.kind !== 'health') {
      stats.ids.add(envelope.id);
      stats.unique += 1;
      stats.byKind[envelope.kind] = (stats.byKind[envelope.kind] ?? 0) + 1;
    }
    onEvent({ topic, id: envelope.id, kind: envelope.kind, body: envelope.body, duplicate });
  });
  await client.subscribeAsync(upSubscription(storeId), { qos: 1 });
  return stats;
}
