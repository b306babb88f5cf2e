// The team's work as Markdown, ready to paste into a case document: a heading
// per step and card, the notes as list items, the follow-up actions as a task
// list, and a summary at the end.
//
// Everything a person typed is escaped so that it renders as the same literal
// text in CommonMark and GitHub Flavored Markdown: it never becomes a link,
// HTML, a heading, a list, a table or emphasis. Markdown cannot keep spaces at
// the start or end of a line, so those are dropped; line breaks are kept.
import type { GuideContent, GuideStep } from '../content/types.js';
import type { Action, GuideDocument, Note } from '../store/types.js';
import * as text from './strings.js';
import { summarize, type SummarizeOptions } from './summary.js';
import { unplacedActions, unplacedNotes } from './unplaced.js';

// Characters with a meaning anywhere in a line. `\` first, so the others' escapes are not doubled.
// `#` everywhere, not only at line start: a trailing `#` closes a heading, and `#123` links on some hosts.
// `@` starts an e-mail autolink and a mention; `$` starts maths on GitHub; `~` strikes through.
const ALWAYS = /[\\`*_[\]<>|~#@$]/g;
// `&amp;` and `&#60;` would render as `&` and `<`: escape `&` where it starts an entity.
const ENTITY = /&(?=#?[0-9A-Za-z]+;)/g;
// `https:`, `mailto:`, `javascript:`: a scheme's colon, so no bare URL autolinks.
const SCHEME_COLON = /(?<=[A-Za-z]):(?=\S)/g;
// `www.kommune.no`, `example.com`: a dot inside a domain-like word, so no fuzzy autolinks.
const DOMAIN_DOT = /(?<=[0-9A-Za-z])\.(?=[A-Za-z]{2})/g;
// At the start of a line: a list item (`-`, `+`, `1.`, `1)`), a setext heading underline (`=`, `-`).
const LINE_START = /^(?:[-+=]|\d{1,9}(?=[.)]))/;

/** Escapes one line of plain text for Markdown (no line breaks in it). */
function escapeLine(line: string): string {
  const escaped = line
    .replace(ALWAYS, '\\$&')
    .replace(ENTITY, '\\&')
    .replace(SCHEME_COLON, '\\:')
    .replace(DOMAIN_DOT, '\\.');
  const start = LINE_START.exec(escaped);
  if (!start) return escaped;
  // A digit run is followed by `.` or `)`: escape that one; otherwise escape the marker itself.
  return /\d/.test(start[0])
    ? `${start[0]}\\${escaped.slice(start[0].length)}`
    : `\\${escaped}`;
}

/**
 * Plain text as one line of Markdown that renders literally: line breaks and
 * runs of white space become one space. For headings and names.
 */
export function escapeMarkdownInline(value: string): string {
  return escapeLine(value.replace(/\s+/g, ' ').trim());
}

/**
 * Plain text, possibly of several lines, as Markdown lines that render
 * literally. Line breaks become hard breaks (a `\` at the end of the line);
 * blank lines between paragraphs are kept (one at most); spaces at the start
 * and end of each line are dropped. Returns no lines for blank text.
 */
export function escapeMarkdownBlock(value: string): string[] {
  const lines = value
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line, index, all) => line !== '' || (index > 0 && all[index - 1] !== ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line, index) => {
    if (!line) return '';
    const next = lines[index + 1];
    return escapeLine(line) + (next ? '\\' : '');
  });
}

/**
 * One list item: the marker, then the text with its lines indented under the
 * marker so they stay in the item, and `suffix` (already Markdown) after the
 * last line.
 */
function listItem(marker: string, value: string, suffix: string): string {
  const lines = escapeMarkdownBlock(value);
  if (!lines.length) lines.push(`_${escapeMarkdownInline(text.emptyText())}_`);
  lines[lines.length - 1] += suffix;
  const indent = ' '.repeat(marker.length + 1);
  return lines.map((line, index) => (index === 0 ? `${marker} ${line}` : line ? indent + line : '')).join('\n');
}

const author = (name: string): string => {
  const clean = escapeMarkdownInline(name);
  return clean ? ` (${clean})` : '';
};

function noteItem(note: Note): string {
  const count = note.votes.length;
  return listItem('-', note.text, author(note.author) + (count > 0 ? ` · ${escapeMarkdownInline(text.votes(count))}` : ''));
}

function actionItem(action: Action, withStep = false): string {
  const parts = [author(action.who)];
  if (action.due) parts.push(` · ${escapeMarkdownInline(text.due(action.due))}`);
  if (withStep) parts.push(` · ${escapeMarkdownInline(text.stepLabel(action.step))}`);
  return listItem(action.done ? '- [x]' : '- [ ]', action.what, parts.join(''));
}

const heading = (level: number, value: string): string => `${'#'.repeat(level)} ${escapeMarkdownInline(value)}`;
const emphasis = (value: string): string => `_${escapeMarkdownInline(value)}_`;
const list = (items: string[]): string => items.join('\n');

function stepSection(step: GuideStep, document: GuideDocument): string[] {
  const blocks = [heading(2, text.stepHeading(step.number, step.title()))];
  for (const card of step.cards) {
    const notes = document.notes.filter((note) => note.cardId === card.id);
    blocks.push(heading(3, card.question()), notes.length ? list(notes.map(noteItem)) : emphasis(text.noNotes()));
  }
  const actions = document.actions.filter((action) => action.step === step.number);
  if (actions.length) blocks.push(heading(3, text.followUpHeading()), list(actions.map((action) => actionItem(action))));
  return blocks;
}

function unplacedSection(document: GuideDocument, content: GuideContent): string[] {
  const blocks: string[] = [];
  const notes = unplacedNotes(document, content);
  if (notes.length) {
    blocks.push(heading(2, text.unplacedNotesHeading()));
    const byCard = new Map<string, Note[]>();
    for (const note of notes) {
      const onCard = byCard.get(note.cardId);
      if (onCard) onCard.push(note);
      else byCard.set(note.cardId, [note]);
    }
    for (const [cardId, onCard] of byCard) blocks.push(heading(3, text.unknownCardHeading(cardId)), list(onCard.map(noteItem)));
  }
  const actions = unplacedActions(document, content);
  if (actions.length) {
    blocks.push(heading(2, text.unplacedActionsHeading()), list(actions.map((action) => actionItem(action, true))));
  }
  return blocks;
}

function summarySection(document: GuideDocument, content: GuideContent, options: SummarizeOptions): string[] {
  const summary = summarize(document, content, options);
  const blocks = [heading(2, text.summaryHeading())];
  for (const { step, topNotes, actions } of summary.steps) {
    blocks.push(heading(3, text.stepHeading(step.number, step.title())));
    if (topNotes.length) blocks.push(heading(4, text.mostVotedHeading()), list(topNotes.map(({ note }) => noteItem(note))));
    if (actions.length) blocks.push(heading(4, text.followUpHeading()), list(actions.map((action) => actionItem(action))));
    if (!topNotes.length && !actions.length) blocks.push(emphasis(text.nothingToSummarize()));
  }
  blocks.push(heading(3, text.openActionsHeading()));
  blocks.push(
    summary.openActions.length
      ? list(summary.openActions.map((action) => actionItem(action, true)))
      : emphasis(text.noOpenActions()),
  );
  return blocks;
}

export type ToMarkdownOptions = SummarizeOptions;

/**
 * The document as Markdown in the active language: the guide's title and
 * credit, per step its cards with their notes (in document order) and its
 * follow-up actions, notes and actions the content has no place for, and the
 * summary of {@link summarize}. Blocks are separated by one blank line; the
 * text ends with a line break.
 */
export function toMarkdown(document: GuideDocument, content: GuideContent, options: ToMarkdownOptions = {}): string {
  const blocks = [
    heading(1, content.introduction.title()),
    escapeMarkdownInline(text.credit()),
    ...content.steps.flatMap((step) => stepSection(step, document)),
    ...unplacedSection(document, content),
    ...summarySection(document, content, options),
  ];
  return `${blocks.join('\n\n')}\n`;
}
