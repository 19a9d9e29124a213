// The desk's client for the /v1 API, typed from the API's OpenAPI document (openapi.d.ts,
// generated). The browser sends the session cookie by itself; every change also carries the
// session's CSRF token.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi';

export type Case = components['schemas']['Case'];
export type CaseEvent = components['schemas']['CaseEvent'];
/** RFC 9457 problem details, the API's one error shape (inlined in the OpenAPI document). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: { field: string; message: string }[];
}

let csrfToken = '';
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

export const csrfHeader = () => ({ 'x-csrf-token': csrfToken });

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

const csrfAndSignIn: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ response }) {
    // The session ended (expired, signed out elsewhere, token withdrawn): back to the sign-in page.
    if (response.status === 401) window.location.assign('/desk/sign-in');
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(csrfAndSignIn);

/** Unwraps an openapi-fetch result: the data, or an ApiProblem carrying the API's problem+json. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    const e = result.error as Partial<Problem> | undefined;
    throw new ApiProblem({
      type: e?.type ?? 'about:blank',
      title: e?.title ?? result.response.statusText,
      status: e?.status ?? result.response.status,
      detail: e?.detail ?? `the API answered ${result.response.status}`,
      code: e?.code ?? 'unknown',
      ...(e?.errors ? { errors: e.errors } : {}),
    });
  }
  return result.data;
}

/** Calls a route the generated types do not know yet (the case-type registry, when absent). */
export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (response.status === 401) window.location.assign('/desk/sign-in');
  const body = (await response.json()) as unknown;
  if (!response.ok) throw new ApiProblem(body as Problem);
  return body as T;
}

