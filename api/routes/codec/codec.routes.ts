// Temporal's remote codec protocol, so that the Temporal UI (and `temporal` CLI with
// --codec-endpoint) can show an authorised person what the encrypted payloads of a case
// workflow hold. The UI calls `<endpoint>/decode` from the browser: CORS admits only the
// configured UI origins, and the caller needs a role below (a bearer token, or the desk's
// session cookie when the UI is set to include cross-origin credentials).
import cors from '@fastify/cors';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { Payload } from '@temporalio/common';
import { clientPayloadCodec } from '../../../data-converter.js';
import { AppError, ProblemSchema } from '../../errors.js';

/** Who may read decoded workflow payloads: they hold identity data and the facts of cases. */
export const CODEC_DECODERS = ['legal', 'admin'] as const;
/** Encoding is what the UI does to send a signal or query input: an operator's act. */
export const CODEC_ENCODERS = ['admin'] as const;

const Base64 = Type.String({ maxLength: 4 * 1024 * 1024, pattern: '^[A-Za-z0-9+/]*={0,2}$' });
const JsonPayload = Type.Object(
  {
    metadata: Type.Optional(Type.Record(Type.String({ maxLength: 256 }), Base64)),
    data: Type.Optional(Base64),
  },
  { additionalProperties: false },
);
const PayloadsBody = Type.Object({ payloads: Type.Array(JsonPayload, { maxItems: 1000 }) }, { additionalProperties: false });
type JsonPayloads = Static<typeof PayloadsBody>;

const fromJson = ({ payloads }: JsonPayloads): Payload[] =>
  payloads.map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  }));

const toJson = (payloads: Payload[]): JsonPayloads => ({
  payloads: payloads.map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  })),
});

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema } as const;

export const codecRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Only these routes answer cross-origin requests, and only from the configured UI origins.
  await app.register(cors, {
    origin: [...app.deps.codecCorsOrigins],
    credentials: true,
    methods: ['POST'],
    allowedHeaders: ['content-type', 'x-namespace', 'authorization'],
    maxAge: 600,
  });

  const codec = () => clientPayloadCodec(app.deps.temporal.client);
  const run = async (work: () => Promise<Payload[]>) => {
    try {
      return toJson(await work());
    } catch {
      // Which key or why is not the caller's to learn.
      throw new AppError('codec.unreadable', 422, 'a payload could not be decoded with the configured keys');
    }
  };

  app.post(
    '/decode',
    {
      config: { roles: CODEC_DECODERS, changesNothing: true },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags: ['codec'],
        summary: "Decodes (decrypts) Temporal payloads for the Temporal UI: Temporal's remote codec protocol",
        description:
          'Body and answer are `{"payloads":[{"metadata":{...base64},"data":"base64"}]}`. Payloads not encrypted by cipdesk ' +
          'come back as they were. For legal and admin: decoded payloads hold identity data and the facts of cases.',
        body: PayloadsBody,
        response: { 200: PayloadsBody, ...errors },
      },
    },
    async (request) => run(() => codec().decode(fromJson(request.body))),
  );

  app.post(
    '/encode',
    {
      config: { roles: CODEC_ENCODERS, changesNothing: true },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags: ['codec'],
        summary: 'Encodes (encrypts with the newest key) payloads the Temporal UI sends as signal or query input',
        body: PayloadsBody,
        response: { 200: PayloadsBody, ...errors },
      },
    },
    async (request) => run(() => codec().encode(fromJson(request.body))),
  );
};
