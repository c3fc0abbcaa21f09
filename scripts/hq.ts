/**
 * `npm run hq -- …`: a small chain-side tool for demos, tests and store installers.
 *
 *   npm run hq -- publish --broker mqtt://127.0.0.1:1883 --store demo-store --file orders.json
 *   npm run hq -- watch   --broker mqtt://127.0.0.1:1883 --store demo-store [--count] [--until N] [--seconds S]
 *
 * publish sends orders, cancellations, catalogue, campaigns, enrolments and erasures from a JSON file (format in
 * docs/sync.md) with QoS 1 and waits for the broker's acknowledgements. watch prints a store's events as they
 * arrive (one JSON line each), or with --count only the totals by kind, unique ids and repeated deliveries.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connectHq, publishMessages, watchStore } from './hq/hq-client.js';
import { HqFileError, readMessagesFile } from './hq/messages-file.js';

const USAGE = `Usage:
  npm run hq -- publish --broker <url> --store <storeId> --file <messages.json>
  npm run hq -- watch   --broker <url> --store <storeId|+> [--count] [--until <n>] [--seconds <s>]
Options for both: --username <u> --password <p> --ca <ca.pem> --client-id <id> (watch: a persistent session)`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        broker: { type: 'string' },
        store: { type: 'string' },
        file: { type: 'string' },
        count: { type: 'boolean' },
        until: { type: 'string' },
        seconds: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        ca: { type: 'string' },
        'client-id': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (command !== 'publish' && command !== 'watch') fail(USAGE);
  const broker = values.broker ?? fail(`Say which broker with --broker, e.g. mqtt://127.0.0.1:1883.\n${USAGE}`);
  const store = values.store ?? fail(`Say which store with --store (the store id in its admin window).\n${USAGE}`);
  const connection = {
    broker,
    ...(values.username !== undefined ? { username: values.username } : {}),
    ...(values.password !== undefined ? { password: values.password } : {}),
    ...(values.ca !== undefined ? { ca: readFileSync(values.ca, 'utf8') } : {}),
    ...(values['client-id'] !== undefined ? { clientId: values['client-id'] } : {}),
  };

  if (command === 'publish') {
    const file = values.file ?? fail(`Say which file to publish with --file.\n${USAGE}`);
    let messages;
    try {
      messages = readMessagesFile(file);
    } catch (error) {
      if (error instanceof HqFileError) fail(error.message);
      throw error;
    }
    const client = await connectHq(connection);
    await publishMessages(client, store, messages);
    await client.endAsync();
    const kinds = new Map<string, number>();
    for (const m of messages) kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
    console.log(
      `Published ${messages.length} message(s) for store ${store}: ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}.`,
    );
    return;
  }

  const until = values.until === undefined ? null : Number(values.until);
  const seconds = values.seconds === undefined ? null : Number(values.seconds);
  if (until !== null && !(Number.isInteger(until) && until > 0)) fail('--until takes a whole number of events.');
  if (seconds !== null && !(seconds > 0)) fail('--seconds takes a positive number.');
  const client = await connectHq(connection);
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const stats = await watchStore(client, store, (event) => {
    if (values.count !== true) console.log(JSON.stringify(event));
    if (until !== null && stats.unique >= until) done();
  });
  console.error(`Watching ${store === '+' ? 'every store' : `store ${store}`} on ${broker}. Ctrl+C to stop.`);
  if (seconds !== null) setTimeout(done, seconds * 1000).unref();
  process.once('SIGINT', done);
  process.once('SIGTERM', done);
  await finished;
  await client.endAsync();
  if (values.count === true || until !== null) {
    console.log(
      JSON.stringify({
        unique: stats.unique,
        duplicates: stats.duplicates,
        invalid: stats.invalid,
        byKind: stats.byKind,
      }),
    );
  }
}

main().catch((error: unknown) => {
  console.error(`hq failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
