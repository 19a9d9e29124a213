// Text in a PDF that reads back as it was written. pdfkit wraps lines at every break opportunity
// of Unicode's line-breaking rules, after a hyphen or a slash too; a reader that extracts the
// text (pdftotext, a search, a copy into a brief) takes a line ending in a hyphen for a word
// hyphenated by the typesetter and joins it to the next line without the hyphen:
// "customer-identification" became "customeridentification", "America/New_York" became
// "America/ New_York". So the dossier lays out its own lines: a line breaks only at a space, a
// hyphenated compound stays whole, and no line ends in a hyphen.
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

/** A piece of text in one font ('Helvetica', 'Helvetica-Bold', …). */
export interface TextRun {
  text: string;
  font: string;
}

/** A word as it is set: its pieces, each in its run's font (a label and its value can meet inside one). */
type Word = { text: string; font: string }[];

const wordText = (w: Word) => w.map((p) => p.text).join('');

/** The words of the runs, split at white space only. */
function wordsOf(runs: readonly TextRun[]): Word[] {
  const words: Word[] = [];
  let current: Word = [];
  for (const run of runs) {
    for (const part of run.text.split(/(\s+)/)) {
      if (part === '') continue;
      if (/^\s+$/.test(part)) {
        if (current.length) words.push(current);
        current = [];
      } else current.push({ text: part, font: run.font });
    }
  }
  if (current.length) words.push(current);
  return words;
}

/**
 * Where a word longer than a whole line is cut: the longest head that fits, moved back off a
 * hyphen so that the line does not end in one (the hyphen starts the next line instead).
 */
function cutLongWord(word: Word, fits: (w: Word) => boolean): [Word, Word] {
  const text = wordText(word);
  const at = (n: number): [Word, Word] => {
    const head: Word = [];
    const tail: Word = [];
    let seen = 0;
    for (const p of word) {
      const take = Math.max(0, Math.min(p.text.length, n - seen));
      if (take > 0) head.push({ text: p.text.slice(0, take), font: p.font });
      if (take < p.text.length) tail.push({ text: p.text.slice(take), font: p.font });
      seen += p.text.length;
    }
    return [head, tail];
  };
  let n = 1;
  while (n < text.length && fits(at(n + 1)[0])) n += 1;
  while (n > 1 && text[n - 1] === '-') n -= 1;
  return at(n);
}

/**
 * The lines the runs make in `width` points, each a list of words, measured in the document's
 * current font size. A line breaks only between words; a word that ends in a hyphen ("pre- and
 * post-closure") never ends a line that has another word to carry it.
 */
function layoutLines(doc: Doc, runs: readonly TextRun[], width: number): Word[][] {
  const widthOf = (w: Word) => w.reduce((sum, p) => sum + doc.font(p.font).widthOfString(p.text), 0);
  const space = (font: string) => doc.font(font).widthOfString(' ');
  const lines: Word[][] = [];
  let line: Word[] = [];
  let used = 0;
  const flush = () => {
    // A line ending in a hyphen reads back glued to the next: that word starts the next line.
    const carried = line.length > 1 && wordText(line.at(-1)!).endsWith('-') ? line.pop()! : undefined;
    lines.push(line);
    line = carried ? [carried] : [];
    used = carried ? widthOf(carried) : 0;
  };
  const pending = wordsOf(runs);
  while (pending.length) {
    const word = pending.shift()!;
    const w = widthOf(word);
    const gap = line.length ? space(word[0]!.font) : 0;
    if (used + gap + w <= width) {
      line.push(word);
      used += gap + w;
    } else if (line.length) {
      flush();
      pending.unshift(word);
    } else {
      // Longer than a line on its own (a long reference): cut, never after a hyphen.
      const [head, tail] = cutLongWord(word, (h) => widthOf(h) <= width);
      lines.push([head]);
      if (tail.length) pending.unshift(tail);
    }
  }
  if (line.length) lines.push(line);
  return lines;
}

/** The text of each line the runs make in `width` points (what a reader extracts, line by line). */
export function wrapRuns(doc: Doc, runs: readonly TextRun[], width: number): string[] {
  return layoutLines(doc, runs, width).map((line) => line.map(wordText).join(' '));
}

/**
 * Writes the runs as wrapped lines from the document's left margin plus `indent`, at the current
 * font size, starting a page when the next line does not fit; the regular `font` is set after.
 */
export function writeRuns(doc: Doc, runs: readonly TextRun[], options: { indent?: number; font?: string } = {}): void {
  const left = doc.page.margins.left + (options.indent ?? 0);
  for (const line of layoutLines(doc, runs, doc.page.width - doc.page.margins.right - left)) {
    const lineHeight = doc.currentLineHeight(true);
    if (doc.y + lineHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
    // Consecutive pieces in one font are one string, so that the spaces between words are real
    // spaces in the text a reader extracts.
    const pieces: { text: string; font: string }[] = [];
    for (const [i, word] of line.entries()) {
      for (const p of i === 0 ? word : [{ text: ' ', font: word[0]!.font }, ...word]) {
        const last = pieces.at(-1);
        if (last && last.font === p.font) last.text += p.text;
        else pieces.push({ ...p });
      }
    }
    const y = doc.y;
    doc.x = left;
    for (const p of pieces) doc.font(p.font).text(p.text, { lineBreak: false });
    doc.x = doc.page.margins.left;
    doc.y = y + lineHeight;
  }
  if (options.font) doc.font(options.font);
}

export interface HeadingOptions {
  /** The heading's font size, and the size of the text under it (set again after the heading). */
  size: number;
  bodySize: number;
  /** How many lines of the text under it must fit on the heading's page (default 2). */
  keepWithLines?: number;
  /** Space above and below the heading, in lines (pdfkit's moveDown). */
  spaceBefore?: number;
  spaceAfter?: number;
  /** The body's regular font, set after the heading. */
  font?: string;
}

/**
 * Writes a section heading that is never left alone at the foot of a page: when the heading and
 * the first lines of its text do not fit below it, the heading starts the next page (where its
 * space above is dropped, as a page's top needs none).
 */
export function writeHeading(doc: Doc, runs: readonly TextRun[], options: HeadingOptions): void {
  const { size, bodySize, keepWithLines = 2, spaceBefore = 0.8, spaceAfter = 0.3 } = options;
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.right - left;
  const before = doc.currentLineHeight(true) * spaceBefore;
  doc.fontSize(size);
  const headingHeight = doc.currentLineHeight(true) * (layoutLines(doc, runs, width).length + spaceAfter);
  doc.fontSize(bodySize);
  const bodyHeight = doc.currentLineHeight(true) * keepWithLines;
  const atTop = doc.y <= doc.page.margins.top;
  if (!atTop && doc.y + before + headingHeight + bodyHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
  else if (!atTop) doc.y += before;
  doc.fontSize(size);
  writeRuns(doc, runs);
  if (spaceAfter > 0) doc.moveDown(spaceAfter);
  doc.fontSize(bodySize);
  if (options.font) doc.font(options.font);
}

/**
 * The writing calls a printed record uses, over writeRuns and writeHeading: a paragraph, a bold
 * label with its value, and a heading kept with its first lines. Text at the current font size.
 */
export function recordWriter(doc: Doc, fonts: { regular: string; bold: string }, headingSizes: { size: number; bodySize: number }) {
  const write = (runs: TextRun[], indent = 0) => writeRuns(doc, runs, { indent, font: fonts.regular });
  return {
    write,
    para: (text: string, indent = 0) => write([{ text, font: fonts.regular }], indent),
    line: (label: string, value: string, indent = 0) => write([{ text: `${label}: `, font: fonts.bold }, { text: value, font: fonts.regular }], indent),
    heading: (text: string, options: Partial<HeadingOptions> = {}) => writeHeading(doc, [{ text, font: fonts.bold }], { ...headingSizes, font: fonts.regular, ...options }),
  };
}
