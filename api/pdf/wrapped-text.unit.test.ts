// The dossier's own line wrapping: lines break at spaces only, so that the text a reader
// extracts from the PDF holds every word as it was written.
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { wrapRuns } from './wrapped-text.js';

const doc = () => new PDFDocument({ size: 'LETTER', margin: 54 }).fontSize(10);
const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('wrapping a PDF line', () => {
  it('breaks only at spaces, keeping each hyphenated compound and time zone on one line, within the width', () => {
    const d = doc();
    const text = 'The reminder in America/New_York under the customer-identification and foreign-reseller-termination provisions, obligation-specific and cross-border. '.repeat(6);
    for (const width of [120, 173, 250, 311, 504]) {
      const lines = wrapRuns(d, [{ text, font: 'Helvetica' }], width);
      expect(lines.flatMap(words)).toEqual(words(text));
      for (const line of lines) expect(d.font('Helvetica').widthOfString(line)).toBeLessThanOrEqual(width);
    }
  });

  it('measures a label and its value each in its own font, as one line', () => {
    const d = doc();
    const lines = wrapRuns(d, [{ text: 'Citation: ', font: 'Helvetica-Bold' }, { text: 'proposed 15 CFR 7.302 (a reading, within 7.300-7.310)', font: 'Helvetica' }], 504);
    expect(lines).toEqual(['Citation: proposed 15 CFR 7.302 (a reading, within 7.300-7.310)']);
  });

  it('does not end a line with a word that ends in a hyphen ("pre- and post-closure"): it starts the next', () => {
    const d = doc();
    const text = 'records kept for the pre- and post-closure periods of every account, pre- and post-termination, pre- and post-filing';
    for (let width = 100; width <= 300; width += 7) {
      const lines = wrapRuns(d, [{ text, font: 'Helvetica' }], width);
      expect(lines.flatMap(words)).toEqual(words(text));
      for (const line of lines.slice(0, -1)) if (words(line).length > 0) expect(line.endsWith('-'), `${width}: ${line}`).toBe(false);
    }
  });

  it('cuts a word longer than the line where it must, never just after a hyphen', () => {
    const d = doc();
    const reference = `ref-${'0123456789abcdef-'.repeat(8)}end`;
    for (let width = 80; width <= 200; width += 9) {
      const lines = wrapRuns(d, [{ text: reference, font: 'Helvetica' }], width);
      expect(lines.join('')).toBe(reference);
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines.slice(0, -1)) expect(line.endsWith('-')).toBe(false);
      for (const line of lines) expect(d.font('Helvetica').widthOfString(line)).toBeLessThanOrEqual(width);
    }
  });
});
