// One decision a case accepts now, as a form rendered from the decision's JSON Schema. The API
// (the case workflow's validator) is the only judge of a decision: the form sends what was
// entered, and a refusal comes back as problem+json whose errors are shown beside the fields
// they name (body.params.cipVersion → the cipVersion field).
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiProblem, api, unwrap } from '../api';
import type { DecisionType } from '../case-types';
import type { paths } from '../openapi';

/**
 * The request body as the API documents it: one shape per case type and decision (from the
 * registry). The form builds it at run time from the decision's JSON Schema, so the compiler
 * cannot pick the shape; the API's validator judges what was entered.
 */
type DecisionBody = NonNullable<paths['/v1/cases/{id}/decisions']['post']['requestBody']>['content']['application/json'];

interface FormData {
  params?: Record<string, unknown>;
  reason?: string;
}

/** `cipVersion` → "Cip version": a label for a parameter its schema gives no title. */
const humanize = (name: string) => {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function withTitles(schema: RJSFSchema): RJSFSchema {
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, p]) => [name, typeof p === 'object' ? { title: humanize(name), ...p } : p]),
  );
  return { ...schema, properties };
}

function formSchema(decision: DecisionType): RJSFSchema {
  const params = withTitles(decision.paramsSchema);
  const hasParams = params && typeof params === 'object' && Object.keys(params.properties ?? {}).length > 0;
  return {
    type: 'object',
    required: decision.requiresReason ? ['reason'] : [],
    properties: {
      ...(hasParams ? { params: { ...params, title: params.title ?? 'Details' } } : {}),
      reason: {
        type: 'string',
        title: decision.requiresReason ? 'Reason' : 'Reason (optional)',
        ...(decision.fourEyes ? { description: 'A second person reviews this decision before it takes effect.' } : {}),
      },
    },
  };
}

const uiSchema: UiSchema = { reason: { 'ui:widget': 'textarea', 'ui:options': { rows: 2 } }, 'ui:submitButtonOptions': { norender: true } };

/** The API's field errors as rjsf's error tree; fields the form does not show go to the top. */
function errorTree(problem: ApiProblem['problem']): { tree: ErrorSchema; unplaced: string[] } {
  const tree: Record<string, unknown> = {};
  const unplaced: string[] = [];
  for (const e of problem.errors ?? []) {
    const path = e.field.replace(/^body\./, '').split('.');
    if (path[0] !== 'params' && path[0] !== 'reason') {
      unplaced.push(`${e.field} ${e.message}`);
      continue;
    }
    let node = tree;
    for (const segment of path) node = (node[segment] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(e.message);
  }
  return { tree: tree as ErrorSchema, unplaced };
}

/**
 * `note`: what the case itself says about this decision now (its `details.decisionNotes`, e.g. why
 * a special measure in force will have it refused). The handler still decides; the API judges.
 */
export function DecisionForm({ caseId, decision, note }: { caseId: string; decision: DecisionType; note?: string | undefined }) {
  const queryClient = useQueryClient();
  const [formData, setFormData] = useState<FormData>({});
  const [problem, setProblem] = useState<ApiProblem['problem'] | null>(null);
  const [accepted, setAccepted] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async (data: FormData) =>
      unwrap(
        await api.POST('/v1/cases/{id}/decisions', {
          params: { path: { id: caseId }, header: { 'idempotency-key': crypto.randomUUID() } },
          body: {
            decision: decision.name,
            ...(data.reason?.trim() ? { reason: data.reason.trim() } : {}),
            ...(data.params && Object.keys(data.params).length ? { params: data.params } : {}),
          } as DecisionBody,
        }),
      ),
    onSuccess: async (result) => {
      setProblem(null);
      setAccepted(`${decision.title} accepted; the case is now ${result.status}.`);
      await queryClient.invalidateQueries({ queryKey: ['case', caseId] });
    },
    onError: (err) => {
      setAccepted(null);
      setProblem(err instanceof ApiProblem ? err.problem : { type: '', title: 'Error', status: 0, detail: err.message, code: 'network' });
    },
  });
  const errors = problem ? errorTree(problem) : undefined;
  const formId = `decision-${decision.name}`;

  return (
    <section className="decision" aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>
        {decision.title}
        {decision.fourEyes && <span className="badge">four-eyes</span>}
      </h3>
      {decision.description && <p className="hint">{decision.description}</p>}
      {note && (
        <p className="decision-note" role="note" data-testid={`${formId}-note`}>
          <strong>Note:</strong> {note}
        </p>
      )}
      <Form
        idPrefix={formId}
        schema={formSchema(decision)}
        uiSchema={uiSchema}
        validator={validator}
        noValidate
        noHtml5Validate
        showErrorList={false}
        formData={formData}
        onChange={(e) => setFormData((e.formData ?? {}) as FormData)}
        extraErrors={errors?.tree}
        onSubmit={(e) => mutation.mutate((e.formData ?? {}) as FormData)}
      >
        {problem && (
          <div role="alert" className="problem">
            <strong>Refused:</strong> {problem.detail}
            {errors?.unplaced.map((u) => (
              <div key={u}>{u}</div>
            ))}
          </div>
        )}
        {accepted && (
          <p role="status" className="accepted">
            {accepted}
          </p>
        )}
        <button type="submit" disabled={mutation.isPending}>
          {decision.fourEyes ? `Propose: ${decision.title}` : decision.title}
        </button>
      </Form>
    </section>
  );
}
