// Do not modify this file by hand! Re-generate it with npm run localize:build.
import type { LocaleModule } from '@lit/localize';

export const localeLoaders: Record<string, () => Promise<LocaleModule>> = {
  'nn': () => import('./locales/nn.js'),
  'en': () => import('./locales/en.js'),
  'se-x-pseudo': () => import('./locales/se-x-pseudo.js'),
};
