// What legal asks across cases (by subject, time window, breached deadline, who acted, rule
// set) and who read which personal data, why and when. Legal and admins only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { findCasesForLegal, listPersonalDataReads } from '../../../db/queries/legal.js';
import { afterCursor, pageAnswer } from '../list-page.js';
import { badInput, ProblemSchema } from '../../errors.js';
import { toCaseDto } from '../cases/case-dto.js';
import { CaseSchema } from '../cases/cases.schemas.js';
import { refuseUnknownCaseFilters } from '../cases/case-filters.js';
import { PERSONAL_DATA_PURPOSES } from '../../../rules/personal-data-purposes.js';
import { PageOf } from '../../schemas.js';

export const LEGAL_READERS = ['legal', 'admin'] as const;

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema } as const;
const Instant = (description: string) => Type.Optional(Type.String({ format: 'date-time', description }));

const LegalCasesQuery = Type.Object(
  {
    subjectType: Type.Optional(Type.String({ minLength: 1, maxLength: 64, examples: ['customer', 'foreign-reseller', 'account'] })),
    subjectId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    customerId: Type.Optional(
      Type.String({ format: 'uuid', description: "every case about this customer: its own (identification, re-verification, a lessee's exemption) and its accounts' (interim restricted account review, record retention), whose subject is the account" }),
    ),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'case type' })),
    ruleSetId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, examples: ['NPRM-2024'] })),
    from: Instant('cases with something recorded at or after this instant'),
    to: Instant('cases with something recorded before this instant'),
    breachedDeadline: Type.Optional(Type.Boolean({ description: 'true: cases whose deadline was missed (recorded missed, or passed before the case closed); false: the others' })),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'cases in which this person decided, proposed, approved or recorded something (token subject)' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

const AccessLogQuery = Type.Object(
  {
    customerId: Type.Optional(Type.String({ format: 'uuid' })),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'who read (token subject)' })),
    purpose: Type.Optional(Type.Union(PERSONAL_DATA_PURPOSES.map((p) => Type.Literal(p)))),
    from: Instant('reads at or after this instant'),
    to: Instant('reads before this instant'),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

const AccessLogEntrySchema = Type.Object({
  id: Type.Integer(),
  customerId: Type.String(),
  actor: Type.String(),
  purpose: Type.String(),
  fields: Type.Array(Type.String()),
  readAt: Type.String({ format: 'date-time' }),
  chainPosition: Type.Integer(),
  hash: Type.String(),
});

function windowOf(from: string | undefined, to: string | undefined) {
  if (from && to && Date.parse(from) >= Date.parse(to)) throw badInput('querystring.to', 'must be after querystring.from');
  return { ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}) };
}

export const legalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/legal/cases',
    {
      config: { roles: LEGAL_READERS },
      schema: {
        tags: ['legal'],
        summary: 'Cases of every type by subject, time window, breached deadline, who acted and rule set; newest first, keyset pages',
        querystring: LegalCasesQuery,
        response: { 200: PageOf(CaseSchema), ...errors },
      },
    },
    async (request) => {
      refuseUnknownCaseFilters(request.query);
      const { cursor, from, to, ...filter } = request.query;
      const page = await findCasesForLegal(app.deps.db.db, { ...filter, ...windowOf(from, to), ...afterCursor(cursor) });
      return pageAnswer(page, toCaseDto);
    },
  );

  app.get(
    '/access-log',
    {
      config: { roles: LEGAL_READERS },
      schema: {
        tags: ['legal'],
        summary: 'Every read of personal data: who read which customer\'s fields, why and when; newest first, keyset pages',
        description: 'The log is append-only and hash-chained (GET /v1/audit/verify); each entry shows its chain position and hash.',
        querystring: AccessLogQuery,
        response: { 200: PageOf(AccessLogEntrySchema), ...errors },
      },
    },
    async (request) => {
      const { cursor, from, to, ...filter } = request.query;
      const page = await listPersonalDataReads(app.deps.db.db, {
        ...filter,
        ...windowOf(from, to),
        ...(cursor !== undefined ? { beforeId: Number(cursor) } : {}),
      });
      return {
        items: page.items.map((r) => ({
          id: r.id,
          customerId: r.customerId,
          actor: r.actor,
          purpose: r.purpose,
          fields: r.fields,
          readAt: r.readAt.toISOString(),
          chainPosition: r.chainSeq,
          hash: r.hash,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
};
