/**
 * Turns the stored broker settings into MQTT.js client options: a persistent session (so the broker keeps the
 * store's orders while it is offline), TLS with an optional private CA, user name and password or a client
 * certificate, and a retained "offline" health message as the last will. Reconnecting is left to the service,
 * which adds backoff with jitter.
 */
import type { IClientOptions } from 'mqtt';
import type { BrokerConfig } from './sync-settings.js';

export function clientIdFor(storeId: string): string {
  return `kiosk-${storeId}`;
}

export function clientOptions(
  config: BrokerConfig,
  storeId: string,
  will: { readonly topic: string; readonly payload: string },
): IClientOptions {
  return {
    clientId: clientIdFor(storeId),
    // A persistent session: QoS 1 messages for this store wait at the broker while the store is offline.
    clean: false,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    keepalive: 30,
    protocolVersion: 4,
    ...(config.username !== '' ? { username: config.username } : {}),
    // MQTT 3.1.1 allows a password only together with a user name.
    ...(config.password !== null && config.username !== '' ? { password: config.password } : {}),
    ...(config.caPem !== '' ? { ca: config.caPem } : {}),
    ...(config.clientCertPem !== '' ? { cert: config.clientCertPem } : {}),
    ...(config.clientKeyPem !== null ? { key: config.clientKeyPem } : {}),
    rejectUnauthorized: config.rejectUnauthorized,
    will: { topic: will.topic, payload: Buffer.from(will.payload), qos: 1, retain: true },
  };
}
