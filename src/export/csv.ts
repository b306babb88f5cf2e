// The notes as a spreadsheet: one row per note, RFC 4180, UTF-8 with a byte
// order mark so Excel reads æøå correctly.
import type { GuideContent } from '../content/types.js';
import type { GuideDocument, Note } from '../store/types.js';
import type { NoteField } from '../store/validate.js';
import { csvHeaders } from './strings.js';
import { cardPlaces } from './summary.js';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * CSV formula injection (OWASP "CSV Injection", ASVS 5 requirement 1.2.10): a
 * spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula
 * (`=HYPERLINK(…)`, `=cmd|…`), and a leading tab, carriage return or NUL can
 * hide such a start. As OWASP recommends, every cell that starts with one of
 * these gets a leading `'`, which Excel, LibreOffice and Google Sheets take as
 * "this is text". The cost: a note that really begins with `-` (a dash list)
 * or `+` keeps the quote in front when read as plain text. Applied to every
 * cell, not only the note text: author names, card ids and questions (of own
 * content) come from outside too.
 */
const FORMULA_START = /^[=+\-@\t\r\0]/;

export interface ToCsvOptions {
  /**
   * The field separator. RFC 4180 and the default are `,`; `;` is what Excel
   * expects on a computer set up for Norwegian (where `,` is the decimal mark)
   * when the file is opened by double-clicking.
   */
  separator?: ',' | ';';
}

/** One field: defused if it looks like a formula, then quoted if it must be (quotes doubled). */
export function csvField(value: string, separator: ',' | ';' = ','): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

type Place = ReturnType<typeof cardPlaces> extends ReadonlyMap<string, infer P> ? P : never;
interface Column {
  /** A field of the note (the check below wants every field here or in {@link NOT_IN_CSV}), or a card's. */
  name: NoteField | 'step' | 'question';
  cell(note: Note, place: Place | undefined): string;
}

/** The columns, in order. */
const COLUMNS = [
  { name: 'step', cell: (_, place) => (place ? String(place.step.number) : '') },
  { name: 'cardId', cell: (note) => note.cardId },
  { name: 'question', cell: (_, place) => (place ? place.card.question() : '') },
  { name: 'text', cell: (note) => note.text },
  { name: 'color', cell: (note) => note.color },
  { name: 'author', cell: (note) => note.author },
  { name: 'votes', cell: (note) => String(note.votes.length) },
  { name: 'createdAt', cell: (note) => note.createdAt },
  { name: 'updatedAt', cell: (note) => note.updatedAt },
] as const satisfies readonly Column[];

/** The note's fields the CSV leaves out (the id means nothing in a spreadsheet). */
type NotInCsv = 'id';
// A new note field (NOTE_FIELD_SPECS) fails to compile here until it has a column or is named in NotInCsv.
const everyFieldDecided: Exclude<NoteField, (typeof COLUMNS)[number]['name'] | NotInCsv> extends never ? true : never = true;
void everyFieldDecided;

/**
 * The notes as CSV, one row per note in document order, under a header row in
 * the active language: step, card id, card question, text, colour code
 * (`yellow`, `pink`, … as stored), author, number of votes, created, updated
 * (ISO 8601 as stored). A note on a card the content does not have gets empty
 * step and question. Records end with CRLF, the text starts with a BOM.
 */
export function toCsv(document: GuideDocument, content: GuideContent, { separator = ',' }: ToCsvOptions = {}): string {
  const places = cardPlaces(content);
  const rows: string[][] = [COLUMNS.map((column) => csvHeaders[column.name]())];
  for (const note of document.notes) {
    const place = places.get(note.cardId);
    rows.push(COLUMNS.map((column) => column.cell(note, place)));
  }
  return BOM + rows.map((row) => row.map((field) => csvField(field, separator)).join(separator) + CRLF).join('');
}
