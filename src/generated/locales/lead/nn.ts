// Do not modify this file by hand! Re-generate it with npm run localize:build.
// The nn translations of the "lead" feature: they load with its chunk.
/* eslint-disable no-irregular-whitespace */
import { str } from '@lit/localize';
void str;

export const templates = {
'lead.elsewhere': str`No: ${0} på trinn ${1}.`,
'lead.hidden-on': `Skrivinga er skjult: kvar lapp blir hos den som skreiv han.`,
'lead.hide': `Skjul det som blir skrive`,
'lead.legend': str`Fase på trinn ${0}`,
'lead.no-step': `Gå til eit trinn for å setje ein fase på det.`,
'lead.none': `Ingen fase`,
'lead.notes-while-voting': `Nye lappar er lov medan de stemmer`,
'lead.reveal': `Vis alle lappane`,
'lead.timer-ends-phase': `Gå vidare til neste fase når tida er ute`,
'lead.timer-minutes': `Minutt`,
'lead.timer-start': `Start tidsboks`,
'lead.timer-stop': `Stopp tidsboksen`,
};
