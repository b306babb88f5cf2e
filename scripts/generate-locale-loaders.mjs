// After lit-localize build:
// 1. Writes src/generated/locale-loaders.ts: one static import() per target
//    locale in lit-localize.json. Rollup leaves a template-literal import
//    unresolved (the translations would silently go missing from the bundle),
//    so adding a locale stays a matter of configuration, not code.
// 2. Moves the translations of features fetched on demand (messages with an id
//    `<feature>.…`, for the features in FEATURES) out of the first-render locale
//    modules into src/generated/locales/<feature>/<locale>.ts, so they travel
//    with their feature's chunk and never swell what a page fetches first.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const FEATURES = ['collab', 'lead'];

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

/** The entries of a generated `templates` object: `'id': \`…\`` or `'id': str\`…\``, in order. */
function entriesOf(source) {
  const start = source.indexOf('export const templates = {');
  const end = source.lastIndexOf('};');
  if (start < 0 || end < start) throw new Error('no templates object in a generated locale module');
  const body = source.slice(start + 'export const templates = {'.length, end);
  const entries = [];
  let index = 0;
  while (index < body.length) {
    const keyStart = body.indexOf("'", index);
    if (keyStart < 0) break;
    const keyEnd = body.indexOf("'", keyStart + 1);
    const id = body.slice(keyStart + 1, keyEnd);
    const tick = body.indexOf('`', keyEnd);
    let close = tick + 1;
    while (body[close] !== '`' || body[close - 1] === '\\') close++;
    entries.push({ id, text: body.slice(keyStart, close + 1) });
    index = close + 1;
  }
  return { entries, head: source.slice(0, start), tail: source.slice(end + 2) };
}

for (const locale of targetLocales) {
  const path = `src/generated/locales/${locale}.ts`;
  const { entries, head, tail } = entriesOf(readFileSync(path, 'utf8'));
  const render = (list) => `export const templates = {\n${list.map((each) => `${each.text},`).join('\n')}\n};`;
  for (const feature of FEATURES) {
    const own = entries.filter((each) => each.id.startsWith(`${feature}.`));
    mkdirSync(`src/generated/locales/${feature}`, { recursive: true });
    writeFileSync(
      `src/generated/locales/${feature}/${locale}.ts`,
      `// Do not modify this file by hand! Re-generate it with npm run localize:build.
// The ${locale} translations of the "${feature}" feature: they load with its chunk.
/* eslint-disable no-irregular-whitespace */
import { str } from '@lit/localize';
void str;

${render(own)}
`,
    );
  }
  const rest = entries.filter((each) => !FEATURES.some((feature) => each.id.startsWith(`${feature}.`)));
  writeFileSync(path, `${head}${render(rest)}${tail}`);
}

for (const feature of FEATURES) {
  writeFileSync(
    `src/generated/locales/${feature}/loaders.ts`,
    `// Do not modify this file by hand! Re-generate it with npm run localize:build.
// The "${feature}" feature's translations, one import() per target locale (see localization.ts addTranslations).
export const ${feature}Translations = {
${targetLocales.map((locale) => `  '${locale}': () => import('./${locale}.js'),`).join('\n')}
};
`,
  );
}
