// Do not modify this file by hand! Re-generate it with npm run localize:build.
// The "workshop" feature's translations, one import() per target locale (see localization.ts addTranslations).
export const workshopTranslations = {
  'nn': () => import('./nn.js'),
  'en': () => import('./en.js'),
  'se-x-pseudo': () => import('./se-x-pseudo.js'),
};
