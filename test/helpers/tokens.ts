import type { ApiToken, Role } from '../../config.js';

/** One test token per role, plus a second case handler and reviewer for four-eyes rules. */
export const TEST_TOKENS: ApiToken[] = [
  { subject: 'hana.handler', role: 'case_handler', token: 'test-token-case-handler-1' },
  { subject: 'henrik.handler', role: 'case_handler', token: 'test-token-case-handler-2' },
  { subject: 'rita.reviewer', role: 'reviewer', token: 'test-token-reviewer-00001' },
  { subject: 'lena.legal', role: 'legal', token: 'test-token-legal-0000001' },
  { subject: 'ada.admin', role: 'admin', token: 'test-token-admin-0000001' },
  { subject: 'sched.bot', role: 'scheduler', token: 'test-token-scheduler-0001' },
];

export function bearer(role: Role, index = 0): { authorization: string } {
  const token = TEST_TOKENS.filter((t) => t.role === role)[index];
  if (!token) throw new Error(`no test token #${index} for role ${role}`);
  return { authorization: `Bearer ${token.token}` };
}
