// Do not modify this file by hand! Re-generate it with npm run localize:build.
// The en translations of the "lead" feature: they load with its chunk.
/* eslint-disable no-irregular-whitespace */
import { str } from '@lit/localize';
void str;

export const templates = {
'lead.elsewhere': str`Now: ${0} on step ${1}.`,
'lead.hidden-on': `Writing is hidden: each note stays with the person who wrote it.`,
'lead.hide': `Hide what is written`,
'lead.legend': str`Phase on step ${0}`,
'lead.no-step': `Go to a step to set a phase on it.`,
'lead.none': `No phase`,
'lead.notes-while-voting': `New notes are allowed while you vote`,
'lead.reveal': `Show all notes`,
'lead.timer-ends-phase': `Move on to the next phase when the time is up`,
'lead.timer-minutes': `Minutes`,
'lead.timer-start': `Start timebox`,
'lead.timer-stop': `Stop the timebox`,
};
