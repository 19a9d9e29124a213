// Case types as clients see them, read from the registry: the same declarations the workflows
// validate decisions with.
import type { TSchema } from '@sinclair/typebox';
import type { CaseTypeDefinition, DecisionDefinition } from '../../../workflows/kit/case-type.js';
import type { CaseTypeDto } from './case-types.schemas.js';

/** A TypeBox schema as plain JSON Schema (TypeBox keeps its own marks under symbol keys). */
export const jsonSchemaOf = (schema: TSchema): Record<string, unknown> => JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;

export function toCaseTypeDto(definition: CaseTypeDefinition): CaseTypeDto {
  return {
    type: definition.type,
    title: definition.title,
    description: definition.description,
    subjectType: definition.subjectType,
    statuses: [...definition.statuses],
    closedStatuses: [...definition.closedStatuses],
    decisions: Object.entries<DecisionDefinition>(definition.decisions).map(([name, d]) => ({
      name,
      title: d.title,
      description: d.description,
      fourEyes: d.fourEyes,
      requiresReason: d.requiresReason,
      roles: [...d.roles],
      allowedInStatuses: [...d.allowedInStatuses],
      paramsSchema: jsonSchemaOf(d.params),
    })),
    ...(definition.deadlineMet ? { deadlineMet: { ...definition.deadlineMet } } : {}),
  };
}
