// Certifications: a scheduler triggers one (idempotent per provider and period), anyone on the
// desk reads it with its versions, and its printable document. Decisions (supply a part,
// reassemble, attest, approve) go through POST /v1/cases/{id}/decisions like every case's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { badInput } from '../../errors.js';
import { toCaseDto } from '../cases/case-dto.js';
import { caseLinks } from '../cases/case-links.js';
import { CaseSchema, ProblemSchema } from '../cases/cases.schemas.js';
import { renderCertificationPdf } from './certification-pdf.js';
import { CaseIdParams, CertificationVersionSchema, PauseBody, ProviderIdParams, ScheduleSchema, TriggerCertificationBody } from './certifications.schemas.js';
import { pickVersion, readCertification, toVersionDto, triggerCertification } from './certifications.usecases.js';
import { describeCertificationSchedule, ensureCertificationSchedule, setCertificationSchedulePaused } from './schedule.js';
import { PROVIDER_ID, getProviderSettings } from '../../../db/queries/certifications.js';
import { AppError } from '../../errors.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } as const;
/** Schedulers run certifications; admins may too. */
const SCHEDULERS = ['scheduler', 'admin'] as const;

export const certificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/certifications',
    {
      config: { roles: SCHEDULERS },
      schema: {
        tags: ['certification'],
        operationId: 'triggerCertification',
        summary: "Open the certification of a period (default: the current one) or the initial certification; idempotent per provider and period",
        description:
          "The same case the provider's Schedule opens for that period: 201 when this request opened it, 200 with the case already opened (by the Schedule or an earlier request). " +
          'The certification is assembled from the records at once; its missing parts are its tasks (`details.tasks`).',
        body: TriggerCertificationBody,
        response: { 200: CaseSchema, 201: CaseSchema, 202: Type.Object({ caseId: Type.String(), status: Type.Literal('starting') }), ...errors },
      },
      links: { 200: caseLinks('$response.body#/id'), 201: caseLinks('$response.body#/id'), 202: caseLinks('$response.body#/caseId') },
    },
    async (request, reply) => {
      const opened = await triggerCertification(app.deps, request.principal, request.body);
      reply.header('location', `/v1/certifications/${opened.caseId}`);
      if (!opened.case) return reply.status(202).send({ caseId: opened.caseId, status: 'starting' as const });
      return reply.status(opened.created ? 201 : 200).send(toCaseDto(opened.case));
    },
  );

  app.get(
    '/certifications/:caseId',
    {
      schema: {
        tags: ['certification'],
        summary: 'A certification: its case, its versions (assembled and filed) and the content of the filed one, else the latest assembled',
        params: CaseIdParams,
        response: {
          200: Type.Object({
            case: CaseSchema,
            versions: Type.Array(CertificationVersionSchema),
            current: Type.Union([Type.Object({ version: Type.Integer(), kind: Type.String(), content: Type.Record(Type.String(), Type.Unknown()) }), Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { row, versions } = await readCertification(app.deps, request.params.caseId);
      const current = pickVersion(versions);
      return { case: toCaseDto(row), versions: versions.map(toVersionDto), current: current ? { version: current.version, kind: current.kind, content: current.content } : null };
    },
  );

  app.get(
    '/certifications/:caseId/document.pdf',
    {
      schema: {
        tags: ['certification'],
        summary: 'The printable certification (PDF): the filed version, else the latest assembled one marked as a draft; `?version=` for another',
        params: CaseIdParams,
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
        produces: ['application/pdf'],
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }), ...errors },
      },
    },
    async (request, reply) => {
      const { row, versions } = await readCertification(app.deps, request.params.caseId);
      const version = pickVersion(versions, request.query.version);
      if (!version) throw badInput('querystring.version', `is not a version of this certification (1-${versions.length})`);
      const pdf = await renderCertificationPdf(version, { caseId: row.id, generatedAt: app.deps.now(), generatedBy: request.principal.subject });
      return reply
        .type('application/pdf')
        .header('x-content-sha256', version.sha256)
        .header('content-disposition', `attachment; filename="certification-${row.id}-v${version.version}.pdf"`)
        .send(pdf);
    },
  );

  app.get(
    '/certification-schedules',
    {
      schema: {
        tags: ['certification'],
        summary: "The provider's annual certification Schedule (Temporal): anniversary, zone, paused or not, next and recent runs",
        response: { 200: Type.Object({ items: Type.Array(ScheduleSchema) }), ...errors },
      },
    },
    async () => {
      const schedule = await describeCertificationSchedule(app.deps, PROVIDER_ID);
      return { items: schedule ? [schedule] : [] };
    },
  );

  app.post(
    '/certification-schedules',
    {
      config: { roles: SCHEDULERS },
      schema: {
        tags: ['certification'],
        summary: "Create the provider's certification Schedule from its recorded anniversary, or bring it in line (idempotent)",
        response: { 200: ScheduleSchema, 201: ScheduleSchema, ...errors },
      },
    },
    async (request, reply) => {
      const settings = await getProviderSettings(app.deps.db.db, { providerId: PROVIDER_ID });
      if (!settings?.certificationAnniversary) {
        throw new AppError('certification.anniversary_missing', 409, 'no certification anniversary is recorded: PATCH /v1/provider/settings with certificationAnniversary first');
      }
      const outcome = await ensureCertificationSchedule(app.deps, { providerId: PROVIDER_ID, anniversary: settings.certificationAnniversary, actor: request.principal.subject });
      const schedule = (await describeCertificationSchedule(app.deps, PROVIDER_ID))!;
      return reply.status(outcome === 'created' ? 201 : 200).send(schedule);
    },
  );

  app.post(
    '/certification-schedules/:providerId/pause',
    {
      config: { roles: SCHEDULERS },
      schema: {
        tags: ['certification'],
        summary: "Pause the provider's certification Schedule (no run starts until it is resumed); the note says why",
        params: ProviderIdParams,
        body: PauseBody,
        response: { 200: ScheduleSchema, ...errors },
      },
    },
    async (request) =>
      setCertificationSchedulePaused(app.deps, { providerId: request.params.providerId, paused: true, actor: request.principal.subject, note: request.body.note }),
  );

  app.post(
    '/certification-schedules/:providerId/resume',
    {
      config: { roles: SCHEDULERS },
      schema: {
        tags: ['certification'],
        summary: "Resume the provider's certification Schedule (runs missed while paused are not made up: trigger a period with POST /v1/certifications)",
        params: ProviderIdParams,
        response: { 200: ScheduleSchema, ...errors },
      },
    },
    async (request) => setCertificationSchedulePaused(app.deps, { providerId: request.params.providerId, paused: false, actor: request.principal.subject }),
  );
};
