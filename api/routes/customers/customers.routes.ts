// Customers (with their beneficial owners and verifications) and their accounts (accesses and
// legal holds). Handlers stay a few lines: the work is in customers.usecases.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { afterCursor, pageAnswer } from '../list-page.js';
import { listCustomers } from '../../../db/queries/customers.js';
import { APPROVING_ROLES, PREPARING_ROLES } from '../../../workflows/kit/duties.js';
import { approveAccountClosure, proposeAccountClosure, rejectAccountClosure } from './account-closure.js';
import { ApprovalBody, RejectionBody } from './account-closure.schemas.js';
import { WithheldSchema } from './withheld.js';
import { caseLinks } from '../cases/case-links.js';
import { CaseSchema, ProblemSchema } from '../cases/cases.schemas.js';
import { toCustomerSummaryDto } from './customer-dto.js';
import {
  addBeneficialOwner,
  addIpAccesses,
  createCustomer,
  determineSubstantialControl,
  listBeneficialOwners,
  listVerifications,
  readAccount,
  readCustomer,
  recordAccess,
  recordVerification,
  releaseHold,
  resolveVerificationDiscrepancy,
  setLegalHold,
} from './customers.usecases.js';
import {
  AccessBody,
  ClosureBody,
  ClosureApprovalResult,
  ClosureProposalResult,
  AccountDetailSchema,
  AccountIdParams,
  AccountSchema,
  BeneficialOwnerInput,
  BeneficialOwnersList,
  CreateCustomerBody,
  CustomerIdParams,
  CustomerSchema,
  CustomerSummarySchema,
  ListCustomersQuery,
  DiscrepancyParams,
  HoldParams,
  IpAccessesBody,
  LegalHoldBody,
  LegalHoldSchema,
  PartyParams,
  PartySchema,
  PurposeQuery,
  ResolutionBody,
  SubstantialControlBody,
  VerificationBody,
  VerificationSchema,
  PartyChangeResult,
  PartyChangeSchema,
  PartyFactsCorrectionBody,
  IdentityDocumentBody,
  IdentityDocumentReceipt,
  ListPartyChangesQuery,
  RemovalBody,
  StakeChangeBody,
} from './customers.schemas.js';
import { changeStake, correctPartyFacts, listChanges, removeBeneficialOwner } from './party-changes.usecases.js';
import { recordIdentityDocument } from './identity-documents.usecases.js';
import { PageOf } from '../../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } as const;
const HANDLERS = ['case_handler', 'admin'] as const;

const CreatedCustomer = Type.Object({
  customer: CustomerSchema,
  accountId: Type.String({ format: 'uuid' }),
  caseId: Type.String({ format: 'uuid', description: 'the identification case (its row appears once the workflow has run)' }),
  case: Type.Union([CaseSchema, Type.Null()]),
});

// From an application to its identification case, the customer and the account applied for.
const applicationLinks = {
  ...caseLinks('$response.body#/caseId'),
  getCustomer: { operationId: 'getCustomer', parameters: { id: '$response.body#/customer/id' }, description: 'read the customer' },
  getAccount: { operationId: 'getAccount', parameters: { id: '$response.body#/accountId' }, description: 'read the account applied for' },
};

export const customerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/customers',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['customers'],
        operationId: 'createCustomer',
        summary: "A prospective customer's application: stores the customer, its beneficial owners and a pending account, and opens its identification case",
        description:
          'Idempotent on externalReference: a repeat answers 200 with the customer and case of the first application (and starts its ' +
          'workflow if a crash left it unstarted). 202 when the case is not recorded yet (GET /v1/cases/{caseId} later).',
        body: CreateCustomerBody,
        response: { 200: CreatedCustomer, 201: CreatedCustomer, 202: CreatedCustomer, ...errors },
      },
      links: { 200: applicationLinks, 201: applicationLinks, 202: applicationLinks },
    },
    async (request, reply) => {
      const { created, body } = await createCustomer(app.deps, request.principal, request.body);
      const status = body.case === null ? 202 : created ? 201 : 200;
      return reply.status(status).header('location', `/v1/customers/${body.customer.id}`).send(body);
    },
  );

  app.get(
    '/customers',
    {
      schema: {
        tags: ['customers'],
        summary: 'List customers, newest first (no personal data)',
        querystring: ListCustomersQuery,
        response: { 200: PageOf(CustomerSummarySchema), ...errors },
      },
    },
    async (request) => {
      const { cursor, ...filter } = request.query;
      return pageAnswer(await listCustomers(app.deps.db.db, { ...filter, ...afterCursor(cursor) }), toCustomerSummaryDto);
    },
  );

  app.get(
    '/customers/:id',
    {
      schema: {
        tags: ['customers'],
        operationId: 'getCustomer',
        summary: 'A customer, its parties and accounts; personal fields only with a stated purpose (recorded)',
        description: `Without \`purpose\`: no personal data, any role. With it: adds \`personal\` for case_handler, reviewer, legal and admin, and records who read what, why and when.`,
        params: CustomerIdParams,
        querystring: PurposeQuery,
        response: { 200: CustomerSchema, ...errors },
      },
    },
    async (request) => readCustomer(app.deps, request.principal, request.params.id, request.query.purpose),
  );

  app.post(
    '/customers/:id/ip-accesses',
    {
      config: { roles: ['case_handler', 'admin', 'scheduler'] },
      schema: {
        tags: ['customers'],
        summary: 'Record IP addresses a party used for access or administration, with the time of each access (personal data)',
        params: CustomerIdParams,
        body: IpAccessesBody,
        response: { 201: Type.Object({ recorded: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await addIpAccesses(app.deps, request.params.id, request.body)),
  );

  app.post(
    '/customers/:id/beneficial-owners',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['customers'],
        summary: "Record a customer's notice of a new beneficial owner; wakes the identification and re-verification workflows",
        params: CustomerIdParams,
        body: BeneficialOwnerInput,
        response: { 201: PartySchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await addBeneficialOwner(app.deps, request.log, request.principal, request.params.id, request.body)),
  );

  app.get(
    '/customers/:id/beneficial-owners',
    {
      schema: {
        tags: ['customers'],
        summary: 'The beneficial owners of a customer, each with its determination (basis, tracked); parties notified but not owners listed apart (no personal data)',
        params: CustomerIdParams,
        response: { 200: BeneficialOwnersList, ...errors },
      },
    },
    async (request) => listBeneficialOwners(app.deps, request.params.id),
  );

  app.post(
    '/customers/:id/beneficial-owners/:partyId/substantial-control',
    {
      // Preparing what a reviewer later approves (segregation of duties): handlers only.
      config: { roles: PREPARING_ROLES },
      schema: {
        tags: ['customers'],
        summary: "A handler's determination whether an individual exercises substantial control (the NPRM does not define it: a reason is required)",
        params: PartyParams,
        body: SubstantialControlBody,
        response: { 200: PartySchema, ...errors },
      },
    },
    async (request) =>
      determineSubstantialControl(app.deps, request.log, request.principal, { customerId: request.params.id, partyId: request.params.partyId }, request.body),
  );

  app.post(
    '/customers/:id/parties/:partyId/corrections',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['customers'],
        operationId: 'correctPartyFacts',
        summary: "Correct or complete a party's facts (citizenship, residence, organisation); the identification case classifies again",
        description:
          'Stores who changed which fact from what to what, when and why (GET /v1/customers/{id}/changes), writes it to the customer\'s open cases and ' +
          'takes a case waiting in needs-correction on. Facts the rules refuse are a 400 naming the field, and nothing changes.',
        params: PartyParams,
        body: PartyFactsCorrectionBody,
        response: { 200: PartyChangeResult, ...errors },
      },
    },
    async (request) => correctPartyFacts(app.deps, request.log, request.principal, { customerId: request.params.id, partyId: request.params.partyId }, request.body),
  );

  app.post(
    '/customers/:id/beneficial-owners/:partyId/stake',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['customers'],
        operationId: 'changeStake',
        summary: "Record a change of a beneficial owner's stake, with the date it took effect; the identification case classifies again",
        params: PartyParams,
        body: StakeChangeBody,
        response: { 200: PartyChangeResult, ...errors },
      },
    },
    async (request) => changeStake(app.deps, request.log, request.principal, { customerId: request.params.id, partyId: request.params.partyId }, request.body),
  );

  app.post(
    '/customers/:id/beneficial-owners/:partyId/removal',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['customers'],
        operationId: 'removeBeneficialOwner',
        summary: 'Record that a party is no longer a beneficial owner, from the date it took effect; the identification case classifies again',
        params: PartyParams,
        body: RemovalBody,
        response: { 200: PartyChangeResult, ...errors },
      },
    },
    async (request) => removeBeneficialOwner(app.deps, request.log, request.principal, { customerId: request.params.id, partyId: request.params.partyId }, request.body),
  );

  app.post(
    '/customers/:id/parties/:partyId/identity-documents',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['customers'],
        operationId: 'recordIdentityDocument',
        summary: 'Record an identity document seen for documentary verification (type, number, issuing country, expiry)',
        description:
          'The number, issuing country and expiry are personal data: the answer leaves them out, GET /v1/customers/{id}?purpose=… shows them ' +
          "(the read is recorded), and the retention disposal removes them. The customer's cases record the document's id and type only.",
        params: PartyParams,
        body: IdentityDocumentBody,
        response: { 201: IdentityDocumentReceipt, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await recordIdentityDocument(app.deps, request.principal, { customerId: request.params.id, partyId: request.params.partyId }, request.body)),
  );

  app.get(
    '/customers/:id/changes',
    {
      schema: {
        tags: ['customers'],
        operationId: 'listPartyChanges',
        summary: "Every change of the customer's parties after the application, oldest first: who, when, why, effective when, old and new values",
        description: 'Oldest first, a page at a time (nextCursor); filter by party or kind. Classification facts and stakes only: no personal data.',
        params: CustomerIdParams,
        querystring: ListPartyChangesQuery,
        response: { 200: PageOf(PartyChangeSchema), ...errors },
      },
    },
    async (request) => listChanges(app.deps, request.params.id, request.query),
  );

  app.post(
    '/customers/:id/verifications',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['verifications'],
        summary: 'Record a verification attempt of the customer or a beneficial owner, with its discrepancies',
        params: CustomerIdParams,
        body: VerificationBody,
        response: { 201: VerificationSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await recordVerification(app.deps, request.log, request.principal, request.params.id, request.body)),
  );

  app.get(
    '/customers/:id/verifications',
    {
      schema: {
        tags: ['verifications'],
        summary: "The customer's verification attempts, oldest first; materials and discrepancy texts only with a stated purpose (recorded)",
        params: CustomerIdParams,
        querystring: PurposeQuery,
        response: { 200: Type.Object({ items: Type.Array(VerificationSchema), withheld: WithheldSchema }), ...errors },
      },
    },
    async (request) => listVerifications(app.deps, request.principal, request.params.id, request.query.purpose),
  );

  app.post(
    '/customers/:id/verifications/:attemptId/discrepancies/:discrepancyId/resolution',
    {
      // Preparing what a reviewer later approves (segregation of duties): handlers only.
      config: { roles: PREPARING_ROLES },
      schema: {
        tags: ['verifications'],
        summary: 'Record how a discrepancy was resolved (once)',
        params: DiscrepancyParams,
        body: ResolutionBody,
        response: { 200: VerificationSchema, ...errors },
      },
    },
    async (request) =>
      resolveVerificationDiscrepancy(
        app.deps,
        request.log,
        request.principal,
        { customerId: request.params.id, attemptId: request.params.attemptId, discrepancyId: request.params.discrepancyId },
        request.body.resolution,
      ),
  );

  app.get(
    '/accounts/:id',
    {
      schema: { tags: ['accounts'], operationId: 'getAccount', summary: 'An account, its status, restrictions and legal holds', params: AccountIdParams, response: { 200: AccountDetailSchema, ...errors } },
    },
    async (request) => readAccount(app.deps, request.params.id),
  );

  app.post(
    '/accounts/:id/closure',
    {
      config: { roles: PREPARING_ROLES },
      schema: {
        tags: ['accounts'],
        operationId: 'closeAccount',
        summary: 'Propose to close an account in use (open or monitored); a reviewer who is not the proposer approves it (four-eyes)',
        description:
          'Closing an account is a four-eyes decision wherever it is asked for, as through its case: this stores the proposal (202) and changes nothing on the account. ' +
          'On approval (`POST /v1/accounts/{id}/closure/approval`) the account is closed, the record-retention case starts (personal data disposed of after the rule set period, ' +
          'unless a legal hold is on) and periodic re-verification stops. 409 for an account still being identified (close it through its case) and while another closure waits.',
        params: AccountIdParams,
        body: ClosureBody,
        response: { 202: ClosureProposalResult, ...errors },
      },
    },
    async (request, reply) => reply.status(202).send(await proposeAccountClosure(app.deps, request.principal, request.params.id, request.body)),
  );

  app.post(
    '/accounts/:id/closure/approval',
    {
      config: { roles: APPROVING_ROLES },
      schema: {
        tags: ['accounts'],
        operationId: 'approveAccountClosure',
        summary: 'Approve the proposed closure (a reviewer who is not the proposer): the account is closed and record retention starts',
        params: AccountIdParams,
        body: ApprovalBody,
        response: { 200: ClosureApprovalResult, ...errors },
      },
    },
    async (request) => approveAccountClosure(app.deps, request.log, request.principal, request.params.id, request.body ?? {}),
  );

  app.post(
    '/accounts/:id/closure/rejection',
    {
      config: { roles: APPROVING_ROLES },
      schema: {
        tags: ['accounts'],
        operationId: 'rejectAccountClosure',
        summary: 'Reject the proposed closure (a reviewer who is not the proposer, with a reason): the account stays as it was',
        params: AccountIdParams,
        body: RejectionBody,
        response: { 200: ClosureProposalResult, ...errors },
      },
    },
    async (request) => rejectAccountClosure(app.deps, request.principal, request.params.id, request.body),
  );

  app.post(
    '/accounts/:id/accesses',
    {
      config: { roles: ['case_handler', 'admin', 'scheduler'] },
      schema: {
        tags: ['accounts'],
        summary: 'Record an access to the account; the record-retention clock runs from the last one',
        params: AccountIdParams,
        body: AccessBody,
        response: { 201: AccountSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await recordAccess(app.deps, request.log, request.principal, request.params.id, request.body)),
  );

  app.post(
    '/accounts/:id/legal-holds',
    {
      config: { roles: ['legal'] },
      schema: {
        tags: ['accounts'],
        summary: "Set a legal hold: the customer's personal data is not disposed of while it is on",
        params: AccountIdParams,
        body: LegalHoldBody,
        response: { 201: LegalHoldSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await setLegalHold(app.deps, request.log, request.principal, request.params.id, request.body.reason)),
  );

  app.post(
    '/accounts/:id/legal-holds/:holdId/release',
    {
      config: { roles: ['legal'] },
      schema: { tags: ['accounts'], summary: 'Release a legal hold', params: HoldParams, response: { 200: LegalHoldSchema, ...errors } },
    },
    async (request) => releaseHold(app.deps, request.log, request.principal, { accountId: request.params.id, holdId: request.params.holdId }),
  );
};
