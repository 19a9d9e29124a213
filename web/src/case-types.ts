// The case-type registry as GET /v1/case-types describes it: every case type, its statuses and
// the decisions it takes, each with a JSON Schema for its parameters. The desk has no code for
// any particular case type; a case type added to the registry appears here by itself.
import { useQuery } from '@tanstack/react-query';
import type { RJSFSchema } from '@rjsf/utils';
import { getJson } from './api';

export interface DecisionType {
  name: string;
  title: string;
  description: string;
  fourEyes: boolean;
  requiresReason: boolean;
  roles: string[];
  allowedInStatuses: string[];
  paramsSchema: RJSFSchema;
}

export interface CaseType {
  type: string;
  title: string;
  description: string;
  subjectType: string;
  statuses: string[];
  closedStatuses: string[];
  decisions: DecisionType[];
  /** How its deadline is met, where it has one that is (web/src/due.ts reads it for the case header). */
  deadlineMet?: { event: string; metAtField?: string; dueAtDetail?: string };
}

export interface PendingApproval {
  decision: string;
  proposedBy: string;
  proposedAt: string;
  reason: string;
}

export function useCaseTypes() {
  return useQuery({
    queryKey: ['case-types'],
    queryFn: () => getJson<{ items: CaseType[] }>('/v1/case-types').then((r) => r.items),
    staleTime: Infinity,
  });
}

export function caseTypeTitle(types: CaseType[] | undefined, type: string): string {
  return types?.find((t) => t.type === type)?.title ?? type;
}
