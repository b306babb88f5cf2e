// Do not modify this file by hand! Re-generate it with npm run localize:build.
// The "collab" feature's translations, one import() per target locale (see localization.ts addTranslations).
export const collabTranslations = {
  'nn': () => import('./nn.js'),
  'en': () => import('./en.js'),
  'se-x-pseudo': () => import('./se-x-pseudo.js'),
};
