// The tamper evidence of the legal record, for legal and admins: are the hash chains of the
// case event log and of the personal-data reads log intact, and if not, where do they break.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { verifyCaseEventChains, verifyPersonalDataReadChain } from '../../../db/queries/audit.js';
import { ProblemSchema } from '../../errors.js';

export const AUDIT_READERS = ['legal', 'admin'] as const;

const ChainBreakSchema = Type.Object({
  kind: Type.Union([Type.Literal('altered'), Type.Literal('missing'), Type.Literal('relinked')], {
    description:
      'altered: the entry no longer matches its own hash (edited); missing: entries before it are absent (deleted); relinked: its link does not match the entry before it (that entry was replaced and re-hashed)',
  }),
  chain: Type.String({ description: 'the case id (case_events) or `personal_data_reads`' }),
  position: Type.Integer({ description: 'position in the chain, 1 = first entry' }),
  entryId: Type.Integer({ description: 'row id of the entry where the break shows' }),
  missingPositions: Type.Optional(Type.Object({ from: Type.Integer(), to: Type.Integer() })),
});

const ChainReportSchema = Type.Object({
  record: Type.Union([Type.Literal('case_events'), Type.Literal('personal_data_reads')]),
  intact: Type.Boolean(),
  chains: Type.Integer(),
  entries: Type.Integer(),
  breaks: Type.Array(ChainBreakSchema),
  headsDigest: Type.String({ description: 'SHA-256 over the chains\' last hashes: keep it outside the database to catch a rewritten tail later' }),
});

const VerifyQuery = Type.Object({
  caseId: Type.Optional(Type.String({ format: 'uuid', description: "verify this case's chain only" })),
  maxBreaks: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'report at most this many breaks per record' }),
});

export const VerifyResultSchema = Type.Object({
  intact: Type.Boolean(),
  verifiedAt: Type.String({ format: 'date-time' }),
  records: Type.Array(ChainReportSchema),
});
export type VerifyResult = Static<typeof VerifyResultSchema>;

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit/verify',
    {
      config: { roles: AUDIT_READERS },
      schema: {
        tags: ['audit'],
        summary: 'Whether the hash chains of the case event log and the personal-data reads log are intact, and where they break',
        description:
          'Each case\'s events form one chain, the personal-data reads log one more. Every entry carries the hash of the entry before ' +
          'it; the database computes them on insert. An entry edited, deleted or replaced directly in the database shows here with ' +
          'its chain and position. With `caseId`, only that case\'s chain is verified (the reads log is always verified).',
        querystring: VerifyQuery,
        response: { 200: VerifyResultSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request): Promise<VerifyResult> => {
      const { caseId, maxBreaks } = request.query;
      const db = app.deps.db.db;
      const records = [
        await verifyCaseEventChains(db, { ...(caseId ? { caseId } : {}), maxBreaks }),
        await verifyPersonalDataReadChain(db, { maxBreaks }),
      ];
      return { intact: records.every((r) => r.intact), verifiedAt: app.deps.now().toISOString(), records };
    },
  );
};
