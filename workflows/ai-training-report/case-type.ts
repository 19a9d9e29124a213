// The large-AI-model training report case type: a foreign person's covered training
// transaction, reported to Commerce by the provider, directly or after its foreign reseller's
// report.
import { Type } from '@sinclair/typebox';
import { aiTrainingReportSchedule, type AiTrainingReportSchedule } from '../../rules/index.js';
import { DECIDING_ROLES, DecisionParams, NoParams, PREPARING_ROLES, defineCaseType, isRuleInputError, reviewDecisions, type RecordedOpening } from '../kit/index.js';

/**
 * A clock of a case opened before its details kept each clock's instant: computed by its rule
 * set from the transaction and knowledge instants recorded at its opening, with a last line
 * saying so. Undefined when the opening did not record them.
 */
function clockFromOpening(details: Readonly<Record<string, unknown>>, recorded: RecordedOpening, reseller: boolean): { dueAt: string; explanation: string[] } | undefined {
  const opened = recorded.opened ?? {};
  const route = details['route'] ?? opened['route'];
  const transactionAt = opened['transactionAt'];
  const knowledgeAt = opened['knowledgeAt'];
  if (!recorded.ruleSet || (route !== 'direct' && route !== 'through-reseller') || typeof transactionAt !== 'string') return undefined;
  let schedule: AiTrainingReportSchedule;
  try {
    schedule = aiTrainingReportSchedule({
      ruleSet: recorded.ruleSet,
      timeZone: recorded.timeZone,
      route,
      transactionAt: new Date(transactionAt),
      ...(typeof knowledgeAt === 'string' ? { knowledgeAt: new Date(knowledgeAt) } : {}),
    });
  } catch (err) {
    if (isRuleInputError(err)) return undefined;
    throw err;
  }
  const clock = reseller ? (schedule.route === 'through-reseller' ? schedule.resellerReport : undefined) : schedule.filing;
  if (!clock) return undefined;
  const knowledge = typeof knowledgeAt === 'string' ? ` and the knowledge instant ${knowledgeAt}` : '';
  return {
    dueAt: clock.dueAt.toISOString(),
    explanation: [
      ...clock.explanation,
      `This case was opened before it recorded this clock's instant and explanation: both are computed here by rule set ${recorded.ruleSet.id} from the transaction instant ${transactionAt}${knowledge} recorded when the case was opened, counting days in ${recorded.timeZone}.`,
    ],
  };
}

const Reference = (description: string) => Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:\\-/]{0,127}$', description });

/** A report's contents as a decision or the reseller's report gives them: references and non-personal facts. */
export const ReportContentsSchema = Type.Object(
  {
    contactInfoRef: Type.Optional(Reference("reference to the foreign person's contact information in the identity vault")),
    paymentInfoRef: Type.Optional(Reference("reference to the foreign person's payment information in the identity vault")),
    estimatedOperations: Type.Optional(
      Type.String({ pattern: '^[0-9]+(\\.[0-9]+)?([eE]\\+?[0-9]{1,3})?$', maxLength: 120, description: 'estimated operations, exact decimal ("1.2e26")' }),
    ),
    operationsPeriod: Type.Optional(
      Type.Object({ start: Type.String({ format: 'date-time' }), end: Type.String({ format: 'date-time' }) }, { additionalProperties: false }),
    ),
    modelName: Type.Optional(Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' })),
    cybersecurityPractices: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000, pattern: '\\S' })),
  },
  { additionalProperties: false },
);

/** Before approval: the report can still be drafted, and filing from it can be proposed. */
const PREPARING = ['awaiting-reseller-report', 'reseller-overdue', 'preparing-from-own-records', 'drafting'] as const;
const BEFORE_FILING = [...PREPARING, 'awaiting-approval', 'approved'] as const;

export const aiTrainingReportCase = defineCaseType({
  type: 'ai-training-report',
  title: 'Large-AI-model training report',
  description:
    "A foreign person's transaction that results or could result in training a large AI model. The provider files a complete report with Commerce " +
    "within the rule set's period of the transaction (or of its knowledge); through a foreign reseller, the reseller reports to the provider first, " +
    'and the provider files from its own records when the reseller is late.',
  subjectType: 'ai-training-transaction',
  ruleSetObligations: ['ai-report-provider', 'ai-report-reseller-to-provider', 'ai-report-provider-files-reseller'],
  // Each route runs on its own clocks (rules/ai-training-report.ts).
  ruleSetObligationsOfCase: (details) =>
    details['route'] === 'direct'
      ? ['ai-report-provider']
      : details['route'] === 'through-reseller'
        ? ['ai-report-reseller-to-provider', 'ai-report-provider-files-reseller']
        : undefined,
  // Through a reseller the case runs on two clocks; each is shown with its own instant and
  // explanation. A case recorded before the instants were kept gets them from its rule set,
  // computed from the transaction (and knowledge) instants its opening recorded.
  deadlineOfCase: (details, obligation, recorded) => {
    const lines = (v: unknown) => (Array.isArray(v) ? v.filter((line): line is string => typeof line === 'string') : []);
    const reseller = obligation === 'ai-report-reseller-to-provider';
    const dueAt = details[reseller ? 'resellerReportDueAt' : 'filingDueAt'];
    if (typeof dueAt === 'string') return { dueAt, explanation: lines(details[reseller ? 'resellerReportExplanation' : 'deadlineExplanation']) };
    const computed = clockFromOpening(details, recorded, reseller);
    if (computed) return computed;
    const dueDate = details['resellerReportDueDate'];
    if (reseller) return { dueAt: null, explanation: typeof dueDate === 'string' ? [`The reseller's report is due by the end of ${dueDate} (provider's zone); this case's record keeps the date, not the instant and its explanation.`] : [] };
    return undefined;
  },
  statuses: [
    'awaiting-reseller-report',
    'reseller-overdue',
    'preparing-from-own-records',
    'drafting',
    'awaiting-approval',
    'approved',
    'filed',
    'closed',
    'withdrawn',
  ],
  closedStatuses: ['closed', 'withdrawn'],
  // The report's filing (not an amendment's) meets the filing deadline; filedAt may be earlier than its recording.
  deadlineMet: { event: 'report.filed', metAtField: 'filedAt', dueAtDetail: 'filingDueAt' },
  listensTo: [],
  statusNotes: {
    filed: 'a filed report can be amended (a new version with its own filing) or the case closed',
    'awaiting-approval': 'a reviewer who did not submit the report approves or rejects it',
  },
  decisions: {
    'revise-draft': {
      title: 'Revise the draft',
      description:
        'Writes a new draft version: the latest version with these items replaced (references and non-personal facts only). Its completeness is checked against the required contents.',
      params: ReportContentsSchema,
      requiresReason: false,
      fourEyes: false,
      // The draft is what the reviewer approves: prepared by a handler (segregation of duties).
      roles: PREPARING_ROLES,
      allowedInStatuses: PREPARING,
    },
    'submit-for-approval': {
      title: 'Submit the report for approval',
      description: 'Proposes filing the latest version; refused unless it is complete. A reviewer who is not the submitter approves it.',
      params: NoParams,
      requiresReason: false,
      fourEyes: true,
      roles: PREPARING_ROLES,
      allowedInStatuses: PREPARING,
    },
    ...reviewDecisions('awaiting-approval', {
      approve: { title: 'Approve the report for filing', description: 'A reviewer other than the submitter approves the submitted version (four-eyes).' },
      reject: { title: 'Send the report back', description: 'A reviewer other than the submitter sends it back for revision (reason).' },
    }),
    file: {
      title: 'Record the filing with Commerce',
      description: "The approved version was filed with Commerce; records Commerce's receipt and whether it was on time.",
      params: DecisionParams({
        filingReceipt: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: "Commerce's receipt for the filing" }),
        filedAt: Type.Optional(Type.String({ format: 'date-time', description: 'when it was filed (default: now); not in the future' })),
      }),
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['approved'],
    },
    amend: {
      title: 'Amend the filed report',
      description: 'Starts an amendment (reason): a new version of the filed report, drafted, approved and filed with its own filing record.',
      params: NoParams,
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['filed'],
    },
    'refer-reseller': {
      title: 'Refer the reseller to oversight and termination',
      description:
        'The foreign reseller keeps failing to report (reason): the referral is recorded as evidence against it, opening its oversight and termination case (or added to the one open), which this case then links (`details.terminationCaseId`).',
      params: NoParams,
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: [...BEFORE_FILING, 'filed'],
    },
    withdraw: {
      title: 'Withdraw the case',
      description: 'No report is owed after all (reason), e.g. the transaction was cancelled before any training; closes the case.',
      params: NoParams,
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: BEFORE_FILING,
    },
    close: {
      title: 'Close the case',
      description: 'The filed report needs no further amendment; closes the case.',
      params: NoParams,
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['filed'],
    },
  },
});
