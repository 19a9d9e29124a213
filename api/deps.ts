import type { Client } from '@temporalio/client';
import type { ApiToken } from '../config.js';
import type { DbHandle } from '../db/client.js';
import type { AuthFailureLimit } from './plugins/hardening.js';

/** Everything the API needs from outside, injected so tests build the app on real servers. */
export interface AppDeps {
  db: DbHandle;
  temporal: { client: Client; taskQueue: string };
  tokens: readonly ApiToken[];
  /** IANA zone in which the provider's calendar days are counted. */
  providerTimeZone: string;
  /** Largest document accepted by an upload, in bytes (default 10 MiB). */
  documentMaxBytes?: number;
  /** Signs the desk's session cookies; derived from the token set when not configured. */
  sessionSecret?: string;
  /** Browser origins (the Temporal UI) that may call the codec endpoint; none when empty. */
  codecCorsOrigins?: readonly string[];
  /** Failed authentications allowed per client address and window (default 20 a minute). */
  authFailureLimit?: AuthFailureLimit;
  /** Injected clock for request timestamps (API-side events). */
  now?: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** `tokens` is empty here: only the authentication plugins see them, and keep their digests. */
    deps: Required<AppDeps>;
  }
}
