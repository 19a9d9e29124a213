// The benchmarked API, in a process of its own as in production (`npm run api`): buildApp()
// with the benchmark's tokens, listening on PORT.
import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../api/app.js';
import { DEV_PAYLOAD_KEY } from '../config.js';
import { cipdeskDataConverter } from '../data-converter.js';
import { createDb } from '../db/client.js';
import { BENCH_TOKENS } from './tokens.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const db = createDb(env('DATABASE_URL'));
const connection = await Connection.connect({ address: env('TEMPORAL_ADDRESS') });
const app = await buildApp(
  { db, temporal: { client: new Client({ connection, namespace: 'default', dataConverter: cipdeskDataConverter([DEV_PAYLOAD_KEY]) }), taskQueue: env('TEMPORAL_TASK_QUEUE') }, tokens: BENCH_TOKENS, providerTimeZone: 'America/New_York' },
  { logger: { level: 'error' } },
);
await app.listen({ host: '127.0.0.1', port: Number(env('PORT')) });
process.on('message', (message: { type: string }) => {
  if (message.type === 'stop') {
    void app
      .close()
      .then(() => Promise.allSettled([connection.close(), db.close()]))
      .then(() => process.exit(0));
  }
});
process.send?.({ type: 'ready' });
