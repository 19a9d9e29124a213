// OpenAPI links from any answer that names a case to what a client does next with it (read it,
// read its history, decide, assign), so that clients and stateful fuzzers can follow a case from
// the request that opened it. `caseId` is a runtime expression such as `$response.body#/caseId`.
export function caseLinks(caseId: string, omit: readonly ('getCase' | 'listCaseEvents' | 'decideCase' | 'assignCase')[] = []) {
  const links = {
    getCase: { operationId: 'getCase', parameters: { id: caseId }, description: 'read the case' },
    listCaseEvents: { operationId: 'listCaseEvents', parameters: { id: caseId }, description: "read the case's history" },
    decideCase: { operationId: 'decideCase', parameters: { id: caseId }, description: 'decide on the case' },
    assignCase: { operationId: 'assignCase', parameters: { id: caseId }, description: 'assign the case to a handler' },
  };
  return Object.fromEntries(Object.entries(links).filter(([name]) => !omit.includes(name as (typeof omit)[number])));
}
