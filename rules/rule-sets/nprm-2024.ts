/**
 * Rule set NPRM-2024: the proposed rule of January 29, 2024 (89 FR 5698), with the interim
 * large-AI-model technical conditions of Executive Order 14110 sec. 4.2(c)(iii) (not sec.
 * 4.2(b), which is the separate dual-use foundation model test), and the default CIP policy
 * values of a provider that has not set its own.
 *
 * This file (and its siblings) is the ONLY place where day counts and thresholds are written.
 * Each value carries the sentence a lawyer reads and the provision it comes from.
 */
import { PROPOSED_RULE_FR, proposedSectionReading } from '../citations.js';
import { deepFreeze, type RuleSet } from '../rule-set.js';

const FR = PROPOSED_RULE_FR;

/**
 * Pinpoint citations, in one place so that legal review can correct them in one edit. Section
 * numbers follow the proposed regulatory text (proposed 15 CFR 7.300-7.310); verify each
 * pinpoint against the Federal Register text before quoting it in a filing.
 */
/** A single-section citation is a reading: the caveat stands next to every pinpoint (../citations.ts). */
const pinpoint = proposedSectionReading;

const CITE = {
  definitions: pinpoint('7.300', 'definitions'),
  cip: pinpoint('7.302', 'customer identification program'),
  cipTransmission: pinpoint('7.302', "transmitting the provider's or a foreign reseller's CIP on Commerce's request"),
  cipResellers: pinpoint('7.302', "foreign resellers' CIPs"),
  cipRecords: pinpoint('7.302', 'recordkeeping'),
  cipCertification: pinpoint('7.302', 'annual certification and irregular updates'),
  assessments: pinpoint('7.303', 'compliance assessments'),
  exemptions: pinpoint('7.304', 'exemptions'),
  specialMeasures: pinpoint('7.306', 'special measures'),
  aiReports: pinpoint('7.308', 'large AI model training reports'),
  eo14110:
    'Executive Order 14110 (Oct. 30, 2023), sec. 4.2(c)(iii) (88 FR 75191), interim technical conditions for large AI models trained on U.S. IaaS products',
  frcp: 'Fed. R. Civ. P. 6(a)(1) (computing time), applied by analogy',
  policy: 'Provider CIP policy: not set by the regulation; a default the provider may override in its written CIP',
  desk: 'cipdesk interpretation under rule set NPRM-2024: the proposed rule is silent, the rule set settles it',
} as const;

const days = (n: number) => ({ days: n });
const years = (n: number) => ({ years: n });

export const NPRM_2024: RuleSet = deepFreeze<RuleSet>({
  id: 'NPRM-2024',
  title:
    'Taking Additional Steps To Address the National Emergency With Respect to Significant Malicious Cyber-Enabled Activities (proposed rule)',
  status: 'proposed',
  source: {
    citation: `U.S. Department of Commerce, Bureau of Industry and Security, notice of proposed rulemaking, ${FR}, RIN 0694-AJ35, proposed 15 CFR part 7, sections 7.300-7.310`,
    federalRegister: '89 FR 5698',
    publishedOn: '2024-01-29',
    rin: '0694-AJ35',
    cfr: 'proposed 15 CFR 7.300-7.310',
    implements: ['Executive Order 13984 (Jan. 19, 2021)', 'Executive Order 14110 (Oct. 30, 2023)'],
    notes: [
      'This is a proposed rule: it has no legal effective date, and a final rule may differ or never come.',
      'Executive Order 14110 was revoked in January 2025; its interim AI technical conditions (sec. 4.2(c)(iii)) are kept here because the NPRM relies on them.',
      'Section pinpoints follow the proposed regulatory text; verify them against the Federal Register before quoting them in a filing.',
    ],
  },
  standing: {
    summary:
      'A proposed rule that was never finalised. The Fall 2025 Unified Agenda lists its RIN (0694-AJ35) as withdrawn in December 2025; no Federal Register notice of withdrawal has been found to confirm it. Of the two executive orders it implements, Executive Order 14110 was revoked in January 2025 and Executive Order 13984 stands.',
    howApplied:
      "cipdesk runs the proposed rule as the provider's own compliance program, not as binding law, until a final rule replaces it; a final rule would be a new rule set, and each case keeps the rule set it was opened under.",
    reviewedOn: '2026-11-28',
    instruments: [
      {
        instrument: 'Notice of proposed rulemaking, 89 FR 5698 (Jan. 29, 2024), RIN 0694-AJ35, proposed 15 CFR part 7',
        role: 'rule',
        status: 'proposed',
        since: '2024-01-29',
        explanation: 'Published for comment; no final rule has been issued, so none of its periods binds a provider as law.',
        sources: ['89 FR 5698 (Jan. 29, 2024)'],
        confirmedByPrimarySource: true,
      },
      {
        instrument: 'RIN 0694-AJ35 in the Unified Agenda of Regulatory and Deregulatory Actions',
        role: 'rule',
        status: 'reported-withdrawn',
        since: '2025-12',
        explanation:
          'The Fall 2025 Unified Agenda lists the rulemaking as withdrawn (December 2025). No Federal Register notice of withdrawal was found, so the withdrawal is not confirmed by a primary source.',
        sources: ['Fall 2025 Unified Agenda, RIN 0694-AJ35'],
        confirmedByPrimarySource: false,
      },
      {
        instrument: 'Executive Order 14110 (Oct. 30, 2023), Safe, Secure, and Trustworthy Development and Use of Artificial Intelligence',
        role: 'authority',
        status: 'revoked',
        since: '2025-01',
        explanation:
          "Revoked in January 2025. The rule set keeps its interim technical conditions for large AI models (sec. 4.2(c)(iii)) because the proposed rule's training-report provisions rely on them.",
        sources: ['Executive Order 14148 (Jan. 20, 2025), sec. 2, revoking Executive Order 14110'],
        confirmedByPrimarySource: true,
      },
      {
        instrument: 'Executive Order 13984 (Jan. 19, 2021), Taking Additional Steps To Address the National Emergency With Respect to Significant Malicious Cyber-Enabled Activities',
        role: 'authority',
        status: 'in-force',
        since: '2021-01-19',
        explanation: 'Not revoked: the customer identification provisions of the proposed rule rest on it.',
        sources: ['Executive Order 13984, 86 FR 6837 (Jan. 25, 2021)'],
        confirmedByPrimarySource: true,
      },
    ],
  },
  effectiveDate: {
    value: '2024-01-29',
    explanation:
      'A proposed rule has no effective date. The desk applies NPRM-2024 to cases opened on or after its publication date, as the provider\'s compliance baseline until a final rule is issued.',
    citation: CITE.desk,
    source: 'interpretation',
  },
  earliestEvent: {
    'customer-identification': {
      value: '2021-01-19',
      explanation:
        'The customer identification provisions (CIPs, verification, foreign resellers, special measures, certification, record keeping) implement Executive Order 13984, signed January 19, 2021. An event dated before that day cannot fall under them: the desk refuses it as a typing error or a record outside the rule. Events between the order and the proposed rule (a backfill of an existing program) are accepted.',
      citation: 'Executive Order 13984 (Jan. 19, 2021), 86 FR 6837',
      source: 'interpretation',
    },
    'ai-training': {
      value: '2023-10-30',
      explanation:
        'The large-AI-model training reporting provisions implement section 4.2(c) of Executive Order 14110, signed October 30, 2023. A training transaction dated before that day cannot fall under them: the desk refuses it as a typing error or a record outside the rule.',
      citation: 'Executive Order 14110 (Oct. 30, 2023), sec. 4.2(c) (88 FR 75191)',
      source: 'interpretation',
    },
  },
  calendar: {
    dayCounting: {
      value: 'calendar-days-excluding-trigger-day',
      explanation:
        'Calendar days count every day, weekends and holidays included. The day of the triggering event is not counted: day 1 is the next day. The event\'s day is its date in the provider\'s configured time zone.',
      citation: `${CITE.frcp}; ${FR} (periods stated in calendar days)`,
      source: 'interpretation',
    },
    weekendAndHolidayRoll: {
      value: 'none',
      explanation:
        'NPRM-2024 does not move a deadline that falls on a weekend or holiday to the next business day; the last day is the last day.',
      citation: CITE.desk,
      source: 'interpretation',
    },
    monthEnd: {
      value: 'last-day-of-month',
      explanation:
        'A period in years (or months) ends on the same day of the month; when that day does not exist in the final month (February 29 in a common year), the period ends on the last day of that month (February 28).',
      citation: CITE.desk,
      source: 'interpretation',
    },
    endOfDay: {
      value: 'last-millisecond-before-local-midnight',
      explanation:
        'A deadline is the end of its last day in the provider\'s time zone: the last millisecond before the next local midnight, whatever the daylight-saving offset of that day.',
      citation: CITE.desk,
      source: 'interpretation',
    },
  },
  regulatory: {
    periods: {
      cipTransmission: {
        value: days(10),
        explanation: 'A provider must transmit its CIP, or a foreign reseller\'s CIP, within 10 calendar days of a request by Commerce.',
        citation: CITE.cipTransmission,
        source: 'regulation',
      },
      resellerTermination: {
        value: days(30),
        explanation:
          "Where a foreign reseller ignored identified CIP issues or continuing increases the risk, the provider terminates the reseller relationship within 30 calendar days. The summaries of the proposed rule name no event that starts the 30 days; rule set NPRM-2024 reads them as running from the provider's determination that termination is required (a reading of the rule, not its words).",
        citation: CITE.cipResellers,
        source: 'regulation',
      },
      aiReportProvider: {
        value: days(15),
        explanation:
          'A provider reports a covered large-AI-model training transaction within 15 calendar days of the transaction or of gaining knowledge of it.',
        citation: CITE.aiReports,
        source: 'regulation',
      },
      aiReportResellerToProvider: {
        value: days(15),
        explanation:
          'A foreign reseller gives its report to the U.S. provider within 15 calendar days of the covered transaction or of its own knowledge of it.',
        citation: CITE.aiReports,
        source: 'regulation',
      },
      aiReportProviderFilesReseller: {
        value: days(30),
        explanation: 'The U.S. provider files the foreign reseller\'s report within 30 calendar days of the covered transaction.',
        citation: CITE.aiReports,
        source: 'regulation',
      },
      specialMeasurePhaseIn: {
        value: days(180),
        explanation: 'Providers need not implement a special measure until 180 calendar days after its issuance.',
        citation: CITE.specialMeasures,
        source: 'regulation',
      },
      specialMeasureDuration: {
        value: days(365),
        explanation:
          'A special measure is effective for up to 365 calendar days, longer if Commerce publishes an extension in the Federal Register.',
        citation: CITE.specialMeasures,
        source: 'regulation',
      },
      recordRetention: {
        value: years(2),
        explanation:
          'Identifying information, verification materials and discrepancy resolutions are kept for at least 2 years after the account is closed or last accessed, whichever is later.',
        citation: CITE.cipRecords,
        source: 'regulation',
      },
      cipCertification: {
        value: years(1),
        explanation: 'The provider certifies its CIP, for itself and for each foreign reseller, every year.',
        citation: CITE.cipCertification,
        source: 'regulation',
      },
      exemptionNotification: {
        value: years(1),
        explanation:
          'The Secretary may exempt a provider, an account type, a lessee, or a foreign reseller (applied for through its U.S. provider) on the strength of an effective Abuse of IaaS Products Deterrence Program. An exemption carries a duty to notify Commerce every year while it stands: the next notification is due one year after the exemption was granted, then one year after each notification given. The exemption may be revoked at any time, and then the normal CIP duties apply again.',
        citation: CITE.exemptions,
        source: 'regulation',
      },
    },
    beneficialOwnershipThresholdPercent: {
      value: 25,
      explanation:
        'A beneficial owner is an individual who exercises substantial control over a customer, or owns or controls at least 25% of its ownership interests, directly or indirectly.',
      citation: CITE.definitions,
      source: 'regulation',
    },
    aiTrainingCoverage: {
      trainingOperations: {
        value: '1e26',
        explanation:
          'The proposed rule leaves the technical conditions of a "large AI model with potential capabilities that could be used in malicious cyber-enabled activity" to a later notice. Until then Executive Order 14110 sec. 4.2(c)(iii) supplies them: the model must require MORE than 10^26 integer or floating-point operations to train, and (the other criteria) be trained on a qualifying computing cluster. All criteria must be met. There is no lower threshold for biological sequence data in this test: the 10^23 figure belongs to sec. 4.2(b), the separate dual-use foundation model reporting test, which does not govern IaaS training reports.',
        citation: `${CITE.eo14110}; ${CITE.aiReports}`,
        source: 'executive-order',
      },
      clusterCoLocation: {
        value: 'single-data-centre',
        explanation:
          'The training cluster must be a set of machines physically co-located in a single data centre. A run spread over machines in several data centres does not meet this criterion.',
        citation: CITE.eo14110,
        source: 'executive-order',
      },
      clusterNetworkingGbitPerSecond: {
        value: '100',
        explanation:
          'The co-located machines must be transitively connected by data-centre networking of MORE than 100 Gbit/s ("over 100 Gbit/s"); exactly 100 Gbit/s does not meet this criterion.',
        citation: CITE.eo14110,
        source: 'executive-order',
      },
      clusterPeakOperationsPerSecond: {
        value: '1e20',
        explanation:
          'The cluster must have a theoretical maximum computing capacity of 10^20 integer or floating-point operations per second for training AI. The order states the figure without "more than"; the desk reads it as AT LEAST 10^20 (a cluster of exactly 10^20 meets it, one below does not). Legal review may prefer another reading in a later rule set.',
        citation: `${CITE.eo14110}; ${CITE.desk}`,
        source: 'executive-order',
      },
    },
    aiTrainingReportContents: {
      value: ['foreign-person-contact', 'foreign-person-payment', 'estimated-operations', 'operations-period', 'model-name', 'cybersecurity-practices'],
      explanation:
        "A large-AI-model training report identifies the foreign person (its contact information, and its means and source of payment), and describes the training run: the estimated number of computational operations, the period over which the operations take place, the model's name, and the customer's cybersecurity practices. A report missing any of these is not complete and is not filed.",
      citation: CITE.aiReports,
      source: 'regulation',
    },
  },
  interpretations: {
    resellerLateKnowledge: {
      value: 'provider-deadline-not-extended',
      explanation:
        'The rule gives the reseller 15 days from its own knowledge, but gives the provider 30 days from the covered transaction to file the reseller\'s report. When the reseller learns so late that its 15 days end after the provider\'s 30, NPRM-2024 does not extend the provider\'s deadline: the provider must still file by its own date, using what it has (and should chase the reseller); the reseller\'s own deadline is not shortened either.',
      citation: `${CITE.desk}; ${CITE.aiReports}`,
      source: 'interpretation',
    },
    specialMeasureExtension: {
      value: 'runs-from-latest-extension',
      explanation:
        'An extension published in the Federal Register restarts the measure\'s duration from the extension\'s publication date: 365 calendar days, unless the extension states another duration.',
      citation: `${CITE.desk}; ${CITE.specialMeasures}`,
      source: 'interpretation',
    },
    specialMeasureInForce: {
      value: 'day-after-implementation-deadline',
      explanation:
        'A provider must have implemented a special measure by the end of the 180th calendar day after issuance; the measure binds new accounts from the next instant (the start of day 181 in the provider\'s time zone).',
      citation: `${CITE.desk}; ${CITE.specialMeasures}`,
      source: 'interpretation',
    },
    specialMeasureReach: {
      value: 'opening',
      explanation:
        'The proposed rule speaks of prohibiting or conditioning the opening of an account (or a reseller account); one secondary summary says "opening or maintaining". NPRM-2024 enforces a measure when an account is opened; existing customers and resellers matching a measure are listed for a handler\'s review, not refused.',
      citation: `${CITE.desk}; ${CITE.specialMeasures}`,
      source: 'interpretation',
    },
    specialMeasureNameMatch: {
      value: { nearMatchSimilarity: 0.85 },
      explanation:
        'A designated person is matched by its identifiers. A name or alias that equals a customer\'s name after normalisation (case, accents, punctuation, word order), or is at least 85% similar to it, is only a near match: it is flagged for a handler\'s review and never refuses an account by itself, because names are shared by unrelated people.',
      citation: `${CITE.desk}; ${CITE.specialMeasures}`,
      source: 'interpretation',
    },
  },
  cipPolicy: {
    interimAccountReviewPeriod: {
      value: days(30),
      explanation:
        'The NPRM sets no day count for an interim, restricted account. Provider policy default: a decision (verify, close, or keep under additional monitoring) is due within 30 calendar days of opening the interim account.',
      citation: `${CITE.policy}; ${CITE.cip}`,
      source: 'cip-policy-default',
    },
    interimAccountDefaultAction: {
      value: 'close',
      explanation:
        'Provider policy default: an interim account still undecided at its review deadline is closed (the conservative choice: an unverified foreign customer keeps no access).',
      citation: `${CITE.policy}; ${CITE.cip}`,
      source: 'cip-policy-default',
    },
    periodicReverificationPeriod: {
      value: years(1),
      explanation:
        'The NPRM requires periodic re-verification of customer information without a period. Provider policy default: every year.',
      citation: `${CITE.policy}; ${CITE.cip}`,
      source: 'cip-policy-default',
    },
    deficiencyRemediationPeriod: {
      value: days(90),
      explanation:
        'Deficiencies found by a Commerce compliance assessment must be resolved "within a reasonable time". Provider policy default: 90 calendar days from the assessment\'s findings, then the CIP is resubmitted.',
      citation: `${CITE.policy}; ${CITE.assessments}`,
      source: 'cip-policy-default',
    },
    irregularUpdatePeriod: {
      value: days(30),
      explanation:
        'An irregular update follows a significant change in business operations, corporate structure or CIP implementation, or a change of the CIP contact person. Provider policy default: within 30 calendar days of the change.',
      citation: `${CITE.policy}; ${CITE.cipCertification}`,
      source: 'cip-policy-default',
    },
    initialCertificationPeriod: {
      value: days(90),
      explanation:
        "The provider certifies its CIP first in an initial certification, then every year. The summaries checked give no period for the initial one. Provider policy default: within 90 calendar days of the start of the provider's program under the rule set, so that it is filed before the first annual certification falls due (a year after the first certification anniversary).",
      citation: `${CITE.policy}; ${CITE.cipCertification}`,
      source: 'cip-policy-default',
    },
    resellerCipDeliveryPeriod: {
      value: days(5),
      explanation:
        "When Commerce requests a foreign reseller's CIP and the provider has no current version on file, the provider asks the reseller for it. The NPRM sets no period for the reseller's answer; the provider's own 10 days run from Commerce's request regardless. Provider policy default: the reseller delivers within 5 calendar days of Commerce's request, which leaves the provider 5 days to review the document and transmit it. The internal deadline is never later than the legal one.",
      citation: `${CITE.policy}; ${CITE.cipResellers}`,
      source: 'cip-policy-default',
    },
    reminderOffsetsDays: {
      value: [7, 3, 1],
      explanation: 'Provider policy default: handlers are reminded 7, 3 and 1 calendar days before a due date.',
      citation: CITE.policy,
      source: 'cip-policy-default',
    },
    aiReportOwnRecordsMargin: {
      value: days(10),
      explanation:
        "The rule gives the provider 30 calendar days from the covered transaction to file a foreign reseller's report, and says nothing about what the provider does while the reseller is late. Provider policy default: when the reseller's report has not arrived with 10 calendar days left before that deadline, the provider stops waiting and prepares the filing from its own records (the reseller may still deliver, and its report can amend the filing).",
      citation: `${CITE.policy}; ${CITE.aiReports}`,
      source: 'cip-policy-default',
    },
  },
  cipPolicyOverrides: [],
  obligations: {
    'cip-transmission': {
      id: 'cip-transmission',
      title: "Transmit the requested CIP (the provider's own or a foreign reseller's) to Commerce",
      owner: 'us-provider',
      trigger: "Commerce's request is received",
      clockStart: 'event',
      period: { kind: 'regulatory', key: 'cipTransmission' },
      meaning: 'the CIP must be transmitted by this instant',
      citation: CITE.cipTransmission,
    },
    'reseller-cip-delivery': {
      id: 'reseller-cip-delivery',
      title: "Foreign reseller delivers its current CIP to the provider (the provider's internal deadline)",
      owner: 'foreign-reseller',
      trigger: "Commerce's request for the reseller's CIP is received",
      clockStart: 'event',
      period: { kind: 'cip-policy', key: 'resellerCipDeliveryPeriod' },
      meaning: "the reseller must deliver its current CIP to the provider by this instant, ahead of the provider's own transmission deadline",
      citation: CITE.cipResellers,
    },
    'reseller-termination': {
      id: 'reseller-termination',
      title: 'Terminate the relationship with a non-compliant foreign reseller',
      owner: 'us-provider',
      trigger: 'the provider determines that termination is required',
      clockStart: 'event',
      period: { kind: 'regulatory', key: 'resellerTermination' },
      meaning: 'the reseller relationship must be terminated by this instant',
      citation: CITE.cipResellers,
    },
    'ai-report-provider': {
      id: 'ai-report-provider',
      title: "File the large-AI-model training report for the provider's own foreign customer",
      owner: 'us-provider',
      trigger: 'the covered transaction takes place',
      clockStart: 'later-of-event-and-knowledge',
      period: { kind: 'regulatory', key: 'aiReportProvider' },
      meaning: 'the report must be filed with Commerce by this instant',
      citation: CITE.aiReports,
    },
    'ai-report-reseller-to-provider': {
      id: 'ai-report-reseller-to-provider',
      title: 'Foreign reseller gives its large-AI-model training report to the U.S. provider',
      owner: 'foreign-reseller',
      trigger: 'the covered transaction takes place',
      clockStart: 'later-of-event-and-knowledge',
      period: { kind: 'regulatory', key: 'aiReportResellerToProvider' },
      meaning: 'the reseller must deliver its report to the provider by this instant',
      citation: CITE.aiReports,
    },
    'ai-report-provider-files-reseller': {
      id: 'ai-report-provider-files-reseller',
      title: "File a foreign reseller's large-AI-model training report with Commerce",
      owner: 'us-provider',
      trigger: 'the covered transaction takes place',
      clockStart: 'event',
      period: { kind: 'regulatory', key: 'aiReportProviderFilesReseller' },
      meaning: "the reseller's report must be filed with Commerce by this instant",
      citation: CITE.aiReports,
    },
    'special-measure-implementation': {
      id: 'special-measure-implementation',
      title: 'Implement a special measure',
      owner: 'us-provider',
      trigger: 'the special measure is issued',
      clockStart: 'event',
      period: { kind: 'regulatory', key: 'specialMeasurePhaseIn' },
      meaning: 'the measure must be implemented by this instant; before it, implementation is not yet required',
      citation: CITE.specialMeasures,
    },
    'special-measure-expiry': {
      id: 'special-measure-expiry',
      title: 'Special measure expires unless extended',
      owner: 'commerce',
      trigger: 'the special measure is issued',
      clockStart: 'issuance-or-latest-extension',
      period: { kind: 'regulatory', key: 'specialMeasureDuration' },
      meaning: 'the measure stops being effective after this instant unless Commerce publishes an extension (it may be revoked earlier)',
      citation: CITE.specialMeasures,
    },
    'record-retention': {
      id: 'record-retention',
      title: "Keep a customer's CIP records",
      owner: 'us-provider',
      trigger: 'the account is closed',
      clockStart: 'later-of-closure-and-last-access',
      period: { kind: 'regulatory', key: 'recordRetention' },
      meaning: 'the records must be kept until this instant and may be disposed of after it',
      citation: CITE.cipRecords,
    },
    'cip-certification': {
      id: 'cip-certification',
      title: 'Certify the CIP (for the provider and each foreign reseller)',
      owner: 'us-provider',
      trigger: "the certification period starts, on the provider's certification anniversary (the rule counts the year from the previous certification; cipdesk dates that certification to the anniversary its period starts on, so a late filing does not move the next due date)",
      clockStart: 'event',
      period: { kind: 'regulatory', key: 'cipCertification' },
      meaning: 'the next certification must be submitted by this instant',
      citation: CITE.cipCertification,
    },
    'cip-initial-certification': {
      id: 'cip-initial-certification',
      title: 'Submit the initial CIP certification (for the provider and each foreign reseller)',
      owner: 'us-provider',
      trigger: "the provider's program under the rule set starts",
      clockStart: 'event',
      period: { kind: 'cip-policy', key: 'initialCertificationPeriod' },
      meaning: 'the initial certification must be submitted by this instant',
      citation: CITE.cipCertification,
    },
    'interim-account-review': {
      id: 'interim-account-review',
      title: 'Decide an interim, restricted account (verify, close, or keep under additional monitoring)',
      owner: 'us-provider',
      trigger: 'the interim account is opened',
      clockStart: 'event',
      period: { kind: 'cip-policy', key: 'interimAccountReviewPeriod' },
      meaning: "a decision is due by this instant; otherwise the CIP policy's default action applies",
      citation: CITE.cip,
    },
    'irregular-update': {
      id: 'irregular-update',
      title: 'Submit an irregular update after a significant change or a change of CIP contact',
      owner: 'us-provider',
      trigger: 'the significant change occurs (or the CIP contact person changes)',
      clockStart: 'event',
      period: { kind: 'cip-policy', key: 'irregularUpdatePeriod' },
      meaning: 'the irregular update must be submitted by this instant',
      citation: CITE.cipCertification,
    },
    'deficiency-remediation': {
      id: 'deficiency-remediation',
      title: 'Resolve deficiencies found by a compliance assessment and resubmit the CIP',
      owner: 'us-provider',
      trigger: "the assessment's findings are received",
      clockStart: 'event',
      period: { kind: 'cip-policy', key: 'deficiencyRemediationPeriod' },
      meaning: 'deficiencies must be resolved and the CIP resubmitted by this instant',
      citation: CITE.assessments,
    },
    'exemption-notification': {
      id: 'exemption-notification',
      title: 'Give Commerce the annual notification an exemption carries',
      owner: 'us-provider',
      trigger: 'the exemption is granted, or the previous annual notification is given',
      clockStart: 'event',
      period: { kind: 'regulatory', key: 'exemptionNotification' },
      meaning: 'the annual notification must be given by this instant; while the exemption stands, each notification starts the next year',
      citation: CITE.exemptions,
    },
    'periodic-reverification': {
      id: 'periodic-reverification',
      title: "Re-verify a customer's identifying information (and its beneficial owners')",
      owner: 'us-provider',
      trigger: "the customer's last verification is completed",
      clockStart: 'event',
      period: { kind: 'cip-policy', key: 'periodicReverificationPeriod' },
      meaning: 'the next re-verification must be completed by this instant',
      citation: CITE.cip,
    },
  },
}) as RuleSet;
