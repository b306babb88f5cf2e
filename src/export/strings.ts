// Every visible string the exports write, looked up when a file is made so it
// follows the active language. New strings carry an `export.` id and a note for
// the translator; the three without an id are the elements' own strings,
// reused so they keep the translations they already have.
import { msg, str } from '@lit/localize';
import { plural } from '../internal/intl.js';

/** "Trinn 2: Identifiser behov", the same string as the step navigation. */
export const stepHeading = (number: number, title: string): string => msg(str`Trinn ${number}: ${title}`);

/** "Trinn 2", the same string as the step's eyebrow. */
export const stepLabel = (number: number): string => msg(str`Trinn ${number}`);

/** The credit line the guide shows wherever its text is used. */
export const credit = (): string => msg('Innhold: KS – Turguide for innovasjon');

export const followUpHeading = (): string =>
  msg('Oppfølging', { id: 'export.follow-up', desc: 'Export: heading over the follow-up actions of a step' });

export const summaryHeading = (): string =>
  msg('Oppsummering', { id: 'export.summary', desc: 'Export: heading of the summary section at the end' });

export const mostVotedHeading = (): string =>
  msg('Flest stemmer', { id: 'export.most-voted', desc: 'Export summary: heading over the notes with the most dot votes in a step' });

export const openActionsHeading = (): string =>
  msg('Åpne oppfølgingspunkter', {
    id: 'export.open-actions',
    desc: 'Export summary: heading over the follow-up actions not yet done, across all steps',
  });

export const unplacedNotesHeading = (): string =>
  msg('Lapper uten plass', {
    id: 'export.unplaced-notes',
    desc: 'Export: heading over notes whose card is not in the guide (any more)',
  });

export const unplacedActionsHeading = (): string =>
  msg('Oppfølging uten plass', {
    id: 'export.unplaced-actions',
    desc: 'Export: heading over follow-up actions of a step the guide does not have',
  });

export const unknownCardHeading = (cardId: string): string =>
  msg(str`Kort-id: ${cardId}`, {
    id: 'export.unknown-card',
    desc: 'Export: heading over the notes of one card that is not in the guide; the id is technical',
  });

export const noNotes = (): string =>
  msg('Ingen lapper.', { id: 'export.no-notes', desc: 'Export: under a question that has no notes' });

export const nothingToSummarize = (): string =>
  msg('Ingen stemmer eller oppfølgingspunkter.', {
    id: 'export.nothing-to-summarize',
    desc: 'Export summary: a step without voted notes and without follow-up actions',
  });

export const noOpenActions = (): string =>
  msg('Ingen åpne oppfølgingspunkter.', {
    id: 'export.no-open-actions',
    desc: 'Export summary: when every follow-up action is done or there are none',
  });

export const emptyText = (): string =>
  msg('(tom)', { id: 'export.empty', desc: 'Export: stands in for a note or action without text' });

export const votes = (count: number): string =>
  plural(count, {
    one: () => msg(str`${count} stemme`, { id: 'export.votes.one', desc: 'Export: dot votes on a note (plural form «one»)' }),
    two: () => msg(str`${count} stemmer`, { id: 'export.votes.two', desc: 'Export: dot votes on a note (plural form «two», the dual)' }),
    other: () => msg(str`${count} stemmer`, { id: 'export.votes.other', desc: 'Export: dot votes on a note (plural form «other»)' }),
  });

export const due = (date: string): string =>
  msg(str`frist ${date}`, { id: 'export.due', desc: 'Export: due date of a follow-up action; the date is YYYY-MM-DD' });

/** The CSV column headers, by column (`src/export/csv.ts` puts them in order). */
export const csvHeaders = {
  step: () => msg('Trinn', { id: 'export.csv.step', desc: 'CSV column header: step number' }),
  cardId: () => msg('Kort-id', { id: 'export.csv.card-id', desc: 'CSV column header: the technical id of a question card' }),
  question: () => msg('Spørsmål', { id: 'export.csv.question', desc: 'CSV column header: the question of the card' }),
  text: () => msg('Tekst', { id: 'export.csv.text', desc: 'CSV column header: the text of the note' }),
  color: () => msg('Farge', { id: 'export.csv.color', desc: 'CSV column header: colour code (yellow, pink, …), left untranslated' }),
  author: () => msg('Forfatter', { id: 'export.csv.author', desc: 'CSV column header: who wrote the note' }),
  votes: () => msg('Stemmer', { id: 'export.csv.votes', desc: 'CSV column header: number of dot votes' }),
  createdAt: () => msg('Opprettet', { id: 'export.csv.created', desc: 'CSV column header: when the note was written' }),
  updatedAt: () => msg('Endret', { id: 'export.csv.updated', desc: 'CSV column header: when the note was last changed' }),
};
