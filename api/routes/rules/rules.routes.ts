// The regulation as the desk applies it: rule sets (read-only) and a deadline calculator that
// runs the same rules/ code the workflows run. No database, no Temporal.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CURRENT_RULE_SET_ID,
  computeDeadline,
  getRuleSet,
  isRuleSetId,
  listRuleSets,
  refuseEventBeforeRuleSet,
  ruleSetPartOf,
  type Deadline,
  type Period,
  type RuleSet,
} from '../../../rules/index.js';
import { ROLES } from '../../../config.js';
import { notFound } from '../../errors.js';
import { ProblemSchema } from '../cases/cases.schemas.js';
import {
  COMPUTE_DEADLINE_EXAMPLES,
  ComputeDeadlineBody,
  DeadlineSchema,
  RuleSetIdParams,
  RuleSetSchema,
  RuleSetSummarySchema,
  type DeadlineDto,
  type RuleSetDto,
  type RuleSetSummaryDto,
} from './rules.schemas.js';

type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;

// The rule set is returned as it is (JSON of an immutable value); the assignment checks its shape against the schema.
const toRuleSetDto = (ruleSet: RuleSet): RuleSetDto => ruleSet as Mutable<RuleSet>;

const toSummary = (r: RuleSet): RuleSetSummaryDto => ({
  id: r.id,
  title: r.title,
  status: r.status,
  effectiveDate: r.effectiveDate.value,
  citation: r.source.citation,
  current: r.id === CURRENT_RULE_SET_ID,
  standing: r.standing.summary,
});

const toDeadlineDto = (d: Deadline): DeadlineDto => ({
  obligation: d.obligation,
  ruleSet: d.ruleSetId,
  owner: d.owner,
  timeZone: d.timeZone,
  clockStartedAt: d.clockStartedAt.toISOString(),
  clockStartDate: d.clockStartDate,
  period: d.period,
  dueDate: d.dueDate,
  dueAt: d.dueAt.toISOString(),
  flags: [...d.flags],
  explanation: [...d.explanation],
});

const optionalDate = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

export const ruleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/rule-sets',
    {
      schema: {
        tags: ['rules'],
        summary: 'Rule sets the desk knows; each case keeps the one it was opened under',
        response: { 200: Type.Object({ items: Type.Array(RuleSetSummarySchema) }), 401: ProblemSchema },
      },
    },
    async () => ({ items: listRuleSets().map(toSummary) }),
  );

  app.get(
    '/rule-sets/:id',
    {
      schema: {
        tags: ['rules'],
        summary: 'One rule set: its legal standing and sources, and every number and interpretive choice with its explanation, citation and source',
        params: RuleSetIdParams,
        response: { 200: RuleSetSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      if (!isRuleSetId(request.params.id)) throw notFound('rule_set', request.params.id);
      return toRuleSetDto(getRuleSet(request.params.id));
    },
  );

  app.post(
    '/deadlines/compute',
    {
      config: {
        // A pure computation that records nothing: every role may ask.
        roles: ROLES,
        // The OpenAPI document gets one named example per obligation; validation never sees them.
        swaggerTransform: ({ schema, url }) => ({ schema: { ...schema, body: { ...(schema.body as object), 'x-examples': COMPUTE_DEADLINE_EXAMPLES } }, url }),
      },
      schema: {
        tags: ['rules'],
        summary: 'Compute when an obligation is due, and why, under a rule set (nothing is recorded)',
        description:
          'Runs the same rules the case workflows run. Calendar days count every day; the trigger day (the event\'s date in ' +
          '`timeZone`) is not counted; `dueAt` is the end of the last day in `timeZone`. Input an obligation does not use ' +
          '(e.g. `knowledgeAt` for `cip-transmission`) is refused with 400 naming the field.',
        body: ComputeDeadlineBody,
        response: { 200: DeadlineSchema, 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (request) => {
      const { obligation, ruleSet, startedAt, knowledgeAt, lastAccessAt, timeZone, extensions } = request.body;
      // Bad input the schema cannot see (an unknown zone, knowledge before the event, an input the
      // obligation does not use) is a RuleInputError, answered 400 by the errors plugin.
      const chosen = getRuleSet(ruleSet ?? CURRENT_RULE_SET_ID);
      const zone = timeZone ?? app.deps.providerTimeZone;
      // The same lower bound as intake: no clock starts before the order its part implements.
      refuseEventBeforeRuleSet({ ruleSet: chosen, part: ruleSetPartOf(obligation), at: new Date(startedAt), field: 'startedAt', timeZone: zone });
      const deadline = computeDeadline({
        obligation,
        ruleSet: chosen,
        startedAt: new Date(startedAt),
        knowledgeAt: optionalDate(knowledgeAt),
        lastAccessAt: optionalDate(lastAccessAt),
        timeZone: zone,
        extensions: extensions?.map((e) => ({ publishedAt: new Date(e.publishedAt), duration: e.duration as Period | undefined })),
      });
      return toDeadlineDto(deadline);
    },
  );
};
