// The benchmark's API tokens (one case handler, one admin).
import type { ApiToken } from '../config.js';

export const BENCH_TOKENS: ApiToken[] = [
  { subject: 'bench.handler', role: 'case_handler', token: 'bench-token-case-handler-0001' },
  { subject: 'bench.admin', role: 'admin', token: 'bench-token-admin-00000000001' },
];
export const HANDLER_AUTH = { authorization: `Bearer ${BENCH_TOKENS[0]!.token}` };
export const ADMIN_AUTH = { authorization: `Bearer ${BENCH_TOKENS[1]!.token}` };
