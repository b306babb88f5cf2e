// Writes src/generated/locale-loaders.ts: one static import() per target
// locale in lit-localize.json. Rollup leaves a template-literal import
// unresolved (the translations would silently go missing from the bundle),
// so adding a locale stays a matter of configuration, not code.
import { readFileSync, writeFileSync } from 'node:fs';

const { targetLocales } = JSON.parse(readFileSync('lit-localize.json', 'utf8'));
const lines = targetLocales.map((locale) => `  '${locale}': () => import('./locales/${locale}.js'),`);
writeFileSync(
  'src/generated/locale-loaders.ts',
  `// Do not modify this file by hand! Re-generate it with npm run localize:build.
import type { LocaleModule } from '@lit/localize';

export const localeLoaders: Record<string, () => Promise<LocaleModule>> = {
${lines.join('\n')}
};
`,
);
