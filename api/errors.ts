import { Type } from '@sinclair/typebox';

// One error format for the whole API: RFC 9457 problem details (application/problem+json).
// An AppError carries a dotted code (the problem `type` suffix), an HTTP status and, for bad
// input, the field at fault.

export interface FieldError {
  /** Where the bad value is, e.g. `body.dueAt`, `query.limit`, `params.id`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

// Codes are snake_case (legal_hold.not_found); the sentence names the resource in words (legal hold …).
export const notFound = (what: string, id: string) => new AppError(`${what}.not_found`, 404, `${what.replace(/_/g, ' ')} ${id} does not exist`);

export const badInput = (field: string, message: string) =>
  new AppError('request.invalid', 400, `${field}: ${message}`, [{ field, message }]);

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: FieldError[];
}

export const PROBLEM_TYPE_BASE = 'https://cipdesk.dev/problems/';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    code: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);
