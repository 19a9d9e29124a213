// The lawful purposes for which a person may read a customer's personal data. The rule forbids
// access to identity records except for lawful purposes, so a read names one of these (never
// free text), and the purpose is written to the append-only, hash-chained reads log with it.
export const PERSONAL_DATA_PURPOSES = [
  'identity-verification',
  'discrepancy-resolution',
  'account-decision',
  'lawful-request',
  'compliance-audit',
  'special-measures-check',
] as const;
export type PersonalDataPurpose = (typeof PERSONAL_DATA_PURPOSES)[number];

export const PERSONAL_DATA_PURPOSE_TEXT: Record<PersonalDataPurpose, string> = {
  'identity-verification': "verifying the customer's or a beneficial owner's identity",
  'discrepancy-resolution': 'resolving a discrepancy a verification found',
  'account-decision': 'deciding on opening, restricting or closing the account',
  'lawful-request': 'answering a lawful request (subpoena, Commerce, law enforcement) through legal',
  'compliance-audit': "auditing the provider's CIP (internal audit or compliance assessment)",
  'special-measures-check': 'checking the customer against special measures (system)',
};
