// The provider's certification settings: the anniversary (the Schedule follows it), the start
// of its program (the initial certification's clock), the CIP contact and the CIP's procedures
// that certifications are assembled from.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ProblemSchema } from '../cases/cases.schemas.js';
import { ProviderSettingsChangeBody, ProviderSettingsSchema } from './provider-settings.schemas.js';
import { changeSettings, readProviderSettings } from './provider-settings.usecases.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema } as const;

export const providerSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/provider/settings',
    {
      schema: {
        tags: ['certification'],
        summary: "The provider's certification settings (version 0 and empty values until first recorded)",
        response: { 200: ProviderSettingsSchema, ...errors },
      },
    },
    async () => readProviderSettings(app.deps),
  );

  app.patch(
    '/provider/settings',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['certification'],
        summary: "Change the provider's certification settings",
        description:
          "Fields given replace the recorded ones (procedures part by part; null clears a part). The provider's open certification cases assemble again; " +
          'a new anniversary creates or updates the certification Schedule; a change of the CIP contact (after the first) opens an irregular-update case ' +
          '(`irregularUpdateCaseId`).',
        body: ProviderSettingsChangeBody,
        response: {
          200: Type.Object({ settings: ProviderSettingsSchema, irregularUpdateCaseId: Type.Optional(Type.String({ format: 'uuid' })) }),
          ...errors,
        },
      },
    },
    async (request) => changeSettings(app.deps, request.principal, request.body, request.log),
  );
};
