// Changing the provider's certification settings: stored first, then the facts follow: the
// provider's open certification cases hear that the settings changed (a missing part may now be
// recorded), a new anniversary brings the Schedule in line, and a change of the CIP contact
// opens an irregular-update case.
import type { FastifyBaseLogger } from 'fastify';
import { PROVIDER_ID, changeProviderSettings, getProviderSettings, type ProviderSettingsChange } from '../../../db/queries/certifications.js';
import type { ProviderSettingsRow } from '../../../db/schema/certifications.js';
import { parseAnniversary } from '../../../rules/index.js';
import { providerSettingsRecordedFact } from '../../../workflows/kit/index.js';
import type { AppDeps } from '../../deps.js';
import { deliverFactToSubjectCases, factAbout } from '../../facts/deliver.js';
import type { Principal } from '../../plugins/auth.js';
import { refuseWhatTheRulesRefuse, recordedInstant } from '../rule-input.js';
import { ensureCertificationSchedule } from '../certifications/schedule.js';
import { openIrregularUpdate } from '../irregular-updates/irregular-updates.usecases.js';

export function toProviderSettingsDto(row: ProviderSettingsRow | undefined) {
  return {
    providerId: row?.providerId ?? PROVIDER_ID,
    certificationAnniversary: row?.certificationAnniversary ?? null,
    programStartedAt: row?.programStartedAt?.toISOString() ?? null,
    cipContact: row?.cipContact ?? null,
    cipProcedures: row?.cipProcedures ?? {},
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

export async function readProviderSettings(deps: Pick<Required<AppDeps>, 'db'>) {
  return toProviderSettingsDto(await getProviderSettings(deps.db.db, { providerId: PROVIDER_ID }));
}

const sameContact = (a: ProviderSettingsRow['cipContact'], b: ProviderSettingsRow['cipContact']) =>
  (a?.subject ?? null) === (b?.subject ?? null) && (a?.name ?? null) === (b?.name ?? null) && (a?.email ?? null) === (b?.email ?? null) && (a?.telephone ?? null) === (b?.telephone ?? null);

export async function changeSettings(
  deps: Required<AppDeps>,
  principal: Principal,
  body: Omit<ProviderSettingsChange, 'programStartedAt'> & { changeReason?: string; programStartedAt?: string | null },
  log: FastifyBaseLogger,
) {
  if (body.certificationAnniversary) {
    refuseWhatTheRulesRefuse(() => parseAnniversary(body.certificationAnniversary), { certificationAnniversary: 'body.certificationAnniversary' });
  }
  if (typeof body.programStartedAt === 'string') recordedInstant(deps, body.programStartedAt, 'body.programStartedAt');
  const at = deps.now();
  const change: ProviderSettingsChange = {
    ...(body.certificationAnniversary !== undefined ? { certificationAnniversary: body.certificationAnniversary } : {}),
    ...(body.programStartedAt !== undefined ? { programStartedAt: body.programStartedAt === null ? null : new Date(body.programStartedAt) } : {}),
    ...(body.cipContact !== undefined ? { cipContact: body.cipContact } : {}),
    ...(body.cipProcedures !== undefined ? { cipProcedures: body.cipProcedures } : {}),
  };
  const { before, after } = await deps.db.db.transaction((tx) => changeProviderSettings(tx, { providerId: PROVIDER_ID, change, actor: principal.subject, at }));
  const changed = Object.keys(change);
  await deliverFactToSubjectCases(
    { ...deps, log },
    factAbout(providerSettingsRecordedFact, PROVIDER_ID, { settingsVersion: after.version, changed, recordedBy: principal.subject }),
  );
  if (after.certificationAnniversary && after.certificationAnniversary !== before?.certificationAnniversary) {
    await ensureCertificationSchedule(deps, { providerId: PROVIDER_ID, anniversary: after.certificationAnniversary, actor: principal.subject });
  }
  // A change of the person responsible for the CIP (not its first recording) is an irregular update.
  let irregularUpdateCaseId: string | undefined;
  if (before?.cipContact && after.cipContact && !sameContact(before.cipContact, after.cipContact)) {
    const opened = await openIrregularUpdate(deps, principal, {
      changeKind: 'cip-contact',
      changeReference: `provider-contact-v${after.version}`,
      occurredAt: at.toISOString(),
      description: body.changeReason ?? "the provider's CIP contact changed",
    });
    irregularUpdateCaseId = opened.caseId;
  }
  return { settings: toProviderSettingsDto(after), irregularUpdateCaseId };
}
