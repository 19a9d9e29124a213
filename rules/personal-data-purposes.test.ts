import { describe, expect, it } from 'vitest';
import { PERSONAL_DATA_PURPOSES, PERSONAL_DATA_PURPOSE_TEXT } from './personal-data-purposes.js';

// The purposes are the closed list a read of personal data must name (the API's enum and the
// reads log); the texts are what the API documentation and the legal view show for each.
describe('personal-data purposes', () => {
  it('are the lawful purposes, each explained', () => {
    expect(PERSONAL_DATA_PURPOSE_TEXT).toEqual({
      'identity-verification': "verifying the customer's or a beneficial owner's identity",
      'discrepancy-resolution': 'resolving a discrepancy a verification found',
      'account-decision': 'deciding on opening, restricting or closing the account',
      'lawful-request': 'answering a lawful request (subpoena, Commerce, law enforcement) through legal',
      'compliance-audit': "auditing the provider's CIP (internal audit or compliance assessment)",
      'special-measures-check': 'checking the customer against special measures (system)',
    });
    expect([...PERSONAL_DATA_PURPOSES]).toEqual(Object.keys(PERSONAL_DATA_PURPOSE_TEXT));
  });
});
