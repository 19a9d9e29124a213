/**
 * How rules/ cites the proposed rule. Its sections are known as a range only (REGULATION.md:
 * proposed 15 CFR 7.300-7.310), so a citation to a single section is a reading, and says so
 * next to the pinpoint, where a lawyer reads it.
 */

/** The proposed rule in the Federal Register. */
export const PROPOSED_RULE_FR = '89 FR 5698 (Jan. 29, 2024)';

/** One section of the proposed rule on a topic, with its caveat. */
export const proposedSectionReading = (section: string, topic: string): string =>
  `${PROPOSED_RULE_FR}, proposed 15 CFR ${section} (${topic}; the section is a reading, within 7.300-7.310)`;
