// Recording a special measure: the input is checked and the implementation date and expiry
// are computed by rules/ before anything is stored, so bad input (an unknown country code, an
// end before issuance, an extension without its citation) changes nothing.
import { randomUUID } from 'node:crypto';
import {
  assertJurisdiction,
  CURRENT_RULE_SET_ID,
  getRuleSet,
  normalizeName,
  RuleInputError,
  assertExtensionsProlong,
  specialMeasureTimeline,
  type SpecialMeasure,
} from '../../../rules/index.js';
import { insertSpecialMeasure, type SpecialMeasureRecord } from '../../../db/queries/special-measures.js';
import type { AppDeps } from '../../deps.js';
import { AppError, badInput } from '../../errors.js';
import type { Principal } from '../../plugins/auth.js';
import type { CreateSpecialMeasureBodyT } from './special-measures.schemas.js';
import type { SpecialMeasureInput } from '../../../workflows/special-measure/messages.js';
import { startWorkflowOnce } from '../start-case.js';
import { recordedInstant } from '../rule-input.js';

/** The measure's workflow arguments: its public facts, IDs only for the rest. */
export function specialMeasureWorkflowInput(record: SpecialMeasureRecord, openedBy: string): SpecialMeasureInput {
  const { measure, extensions } = record;
  return {
    caseId: measure.caseId,
    measureId: measure.id,
    federalRegisterCitation: measure.federalRegisterCitation,
    issuedAt: measure.issuedAt.toISOString(),
    kind: measure.kind,
    jurisdiction: measure.jurisdiction,
    ...(measure.expiresOn ? { expiresOn: measure.expiresOn } : {}),
    extensions: extensions.map((e) => ({
      federalRegisterCitation: e.federalRegisterCitation,
      publishedAt: e.publishedAt.toISOString(),
      ...(e.newEndDate ? { newEndDate: e.newEndDate } : {}),
    })),
    ruleSetId: measure.ruleSetId,
    timeZone: measure.timeZone,
    openedBy,
  };
}

/**
 * Starts the measure's workflow unless it was ever started. Stored first, started after: a
 * crash in between leaves a measure without its case, which a repeat of the same request, or
 * the API's next start (reconcile.ts), starts.
 */
export async function startSpecialMeasureCase(deps: Required<AppDeps>, record: SpecialMeasureRecord, openedBy: string): Promise<'started' | 'already-started'> {
  return startWorkflowOnce(deps.temporal.client, {
    caseType: 'special-measure',
    businessId: record.measure.id,
    taskQueue: deps.temporal.taskQueue,
    args: [specialMeasureWorkflowInput(record, openedBy)],
  });
}

/** The rules name the measure's fields (`measure.expiresOn`); the client sent them in the body. */
function asBodyField(err: unknown): never {
  if (err instanceof RuleInputError) {
    const field = err.field.replace(/^measure\./, '');
    throw new RuleInputError(`body.${field}`, err.message.slice(err.field.length + 2));
  }
  throw err;
}

/** Checks and stores a measure (no workflow): the part that bad input never gets past. */
export async function recordSpecialMeasure(
  deps: Pick<Required<AppDeps>, 'db' | 'now' | 'providerTimeZone'>,
  principal: Principal,
  body: CreateSpecialMeasureBodyT,
): Promise<{ created: boolean; record: SpecialMeasureRecord }> {
  const now = deps.now();
  const { target } = body;
  const named = target.jurisdiction ?? undefined;
  const person = target.designatedPerson ?? undefined;
  if ((named === undefined) === (person === undefined)) {
    throw badInput('body.target', 'must name exactly one of jurisdiction or designatedPerson');
  }
  const namedType = named === undefined ? 'designated-person' : 'jurisdiction';
  if (target.type !== undefined && target.type !== namedType) throw badInput('body.target.type', `is ${target.type}, but the target names a ${namedType}`);
  const jurisdiction = named === undefined ? undefined : assertJurisdiction(named, 'body.target.jurisdiction');
  if (body.kind === 'conditions' && !body.conditions?.length) throw badInput('body.conditions', 'a conditions-measure must state its conditions');
  if (body.kind === 'prohibition' && body.conditions?.length) throw badInput('body.conditions', 'a prohibition has no conditions (use kind "conditions")');
  const issuedAt = new Date(body.issuedAt);
  recordedInstant(deps, issuedAt, 'body.issuedAt');
  const extensions = (body.extensions ?? []).map((e, i) => {
    const publishedAt = new Date(e.publishedAt);
    recordedInstant(deps, publishedAt, `body.extensions.${i}.publishedAt`);
    if (body.extensions!.findIndex((o) => o.federalRegisterCitation.trim() === e.federalRegisterCitation.trim()) !== i) {
      throw badInput(`body.extensions.${i}.federalRegisterCitation`, 'names the same Federal Register document as an earlier extension');
    }
    return { publishedAt, federalRegisterCitation: e.federalRegisterCitation.trim(), ...(e.newEndDate ? { newEndDate: e.newEndDate } : {}) };
  });

  const ruleSet = getRuleSet(CURRENT_RULE_SET_ID);
  const context = { ruleSet, timeZone: deps.providerTimeZone };
  const base: SpecialMeasure = {
    id: randomUUID(),
    issuedAt,
    ...(jurisdiction ? { jurisdictions: [jurisdiction] } : {}),
    ...(person ? { designatedPerson: person } : {}),
    kind: body.kind,
    conditions: body.conditions ?? [],
    ...(body.expiresOn ? { expiresOn: body.expiresOn } : {}),
  };
  let timeline: ReturnType<typeof specialMeasureTimeline>;
  let initial: ReturnType<typeof specialMeasureTimeline>;
  const extensionRows: Parameters<typeof insertSpecialMeasure>[1]['extensions'] = [];
  try {
    initial = specialMeasureTimeline(base, context);
    timeline = specialMeasureTimeline({ ...base, extensions }, context);
    assertExtensionsProlong({ ...base, extensions }, context);
    // Each extension's own end: the latest published extension decides, so it is computed with those before it.
    const byPublication = extensions.map((e, i) => ({ e, i })).sort((a, b) => a.e.publishedAt.getTime() - b.e.publishedAt.getTime());
    byPublication.forEach(({ e }, k) => {
      const { expiry } = specialMeasureTimeline({ ...base, extensions: byPublication.slice(0, k + 1).map((x) => x.e) }, context);
      extensionRows.push({
        id: randomUUID(),
        measureId: base.id,
        federalRegisterCitation: e.federalRegisterCitation,
        publishedAt: e.publishedAt,
        newEndDate: e.newEndDate ?? null,
        expiresAt: expiry.dueAt,
        expiryDate: expiry.dueDate,
        explanation: [...expiry.explanation],
        recordedBy: principal.subject,
      });
    });
  } catch (err) {
    asBodyField(err);
  }

  const result = await deps.db.db.transaction((tx) =>
    insertSpecialMeasure(tx, {
      measure: {
        id: base.id,
        targetType: jurisdiction ? 'jurisdiction' : 'designated-person',
        jurisdiction: jurisdiction ?? null,
        designatedPerson: person ?? null,
        targetKey: jurisdiction ? `jurisdiction:${jurisdiction}` : `person:${normalizeName(person!.name)}`,
        kind: body.kind,
        conditions: body.conditions ?? [],
        issuedAt,
        federalRegisterCitation: body.federalRegisterCitation.trim(),
        expiresOn: body.expiresOn ?? null,
        ruleSetId: ruleSet.id,
        timeZone: timeline.implementation.timeZone,
        implementationDueAt: timeline.implementation.dueAt,
        implementationDate: timeline.implementation.dueDate,
        implementationExplanation: [...timeline.implementation.explanation],
        initialExpiresAt: initial.expiry.dueAt,
        expiresAt: timeline.expiry.dueAt,
        expiryDate: timeline.expiry.dueDate,
        expiryExplanation: [...timeline.expiry.explanation],
        caseId: randomUUID(),
        notes: body.notes ?? null,
        createdAt: now,
        createdBy: principal.subject,
      },
      extensions: extensionRows,
      actor: principal.subject,
      at: now,
    }),
  );
  if (!result.created) {
    const existing = result.record.measure;
    if (existing.issuedAt.getTime() !== issuedAt.getTime() || existing.kind !== body.kind) {
      throw new AppError(
        'special_measure.conflict',
        409,
        `measure ${existing.id} already records ${existing.federalRegisterCitation} against this target, issued ${existing.issuedAt.toISOString()} as a ${existing.kind}`,
        [{ field: 'body.federalRegisterCitation', message: `already recorded for this target (measure ${existing.id})` }],
      );
    }
  }
  return result;
}

/** Records the measure and starts its case (a repeat of the same measure starts it if a crash left it unstarted). */
export async function createSpecialMeasure(deps: Required<AppDeps>, principal: Principal, body: CreateSpecialMeasureBodyT) {
  const result = await recordSpecialMeasure(deps, principal, body);
  await startSpecialMeasureCase(deps, result.record, result.record.measure.createdBy);
  return result;
}
