// Do not modify this file by hand! Re-generate it with npm run localize:build.
// The se-x-pseudo translations of the "lead" feature: they load with its chunk.
/* eslint-disable no-irregular-whitespace */
import { str } from '@lit/localize';
void str;

export const templates = {
'lead.elsewhere': str`⟦Ñå: ${0} på trîññ ${1}.⟧`,
'lead.hidden-on': `⟦Škrîvîñgéñ ér škjült: hvér làpp blîr hõš déñ šõm škrév déñ.⟧`,
'lead.hide': `⟦Škjül dét šõm škrîvéš⟧`,
'lead.legend': str`⟦Fàšé på trîññ ${0}⟧`,
'lead.no-step': `⟦Gå tîl ét trîññ fõr å šétté éñ fàšé på dét.⟧`,
'lead.none': `⟦Îñgéñ fàšé⟧`,
'lead.notes-while-voting': `⟦Ñýé làppér ér lõv méñš déré štémmér⟧`,
'lead.reveal': `⟦Vîš àllé làppéñé⟧`,
'lead.timer-ends-phase': `⟦Gå vîdéré tîl ñéšté fàšé ñår tîdéñ ér üté⟧`,
'lead.timer-minutes': `⟦Mîñüttér⟧`,
'lead.timer-start': `⟦Štàrt tîdšbõkš⟧`,
'lead.timer-stop': `⟦Štõpp tîdšbõkšéñ⟧`,
};
