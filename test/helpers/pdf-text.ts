// A PDF's text as a reader extracts it (poppler's pdftotext, in its reading-order and its
// -layout mode), and the last line of each page: where a heading must never stand alone.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PDFTOTEXT_MODES: readonly (readonly string[])[] = [[], ['-layout']];

export function pdfText(pdf: Buffer, mode: readonly string[] = []): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pdf-text-')), 'document.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [...mode, file, '-'], { encoding: 'utf8' });
}

/** The last line with text on each page but the last (pdftotext ends each page with a form feed). */
export function pageFootLines(text: string): string[] {
  const pages = text.split('\f').slice(0, -1);
  return pages.slice(0, -1).map((page) => page.split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? '');
}
