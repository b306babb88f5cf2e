// After lit-localize build:
// 1. Writes src/generated/locale-loaders.ts: one static import() per target
//    locale in lit-localize.json. Rollup leaves a template-literal import
//    unresolved (the translations would silently go missing from the bundle),
//    so adding a locale stays a matter of configuration, not code.
// 2. Moves the translations of features fetched on demand (messages with an id
//    `<feature>.…`, for the features in FEATURES) out of the first-render locale
//    modules into src/generated/locales/<feature>/<locale>.ts, so they travel
//    with their feature's chunk and never swell what a page fetches first.
// 3. Keeps only what is translated: lit-localize build writes bokmål for a
//    unit without a <target>, which the runtime shows anyway without it (a
//    partial locale, locales/partial.json, stays small). Gives each locale
//    every plural form its language uses (CLDR, from Node's Intl.PluralRules):
//    a form it has no translation for (`notes.two`, say) takes the locale's own
//    `.other` (`notes.other`) instead of bokmål. A form the language never uses
//    (`.two` in nn or en) is left out.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const FEATURES = ['collab', 'lead', 'workshop'];
const PLURAL = /^(.+)\.(zero|one|two|few|many|other)$/;

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
  const all = entriesOf(readFileSync(path, 'utf8'));
  const { head, tail } = all;
  const translated = new Set(
    [...readFileSync(`locales/${locale}.xlf`, 'utf8').matchAll(/<trans-unit id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g)]
      .filter(([, , body]) => /<target>[\s\S]*?\S[\s\S]*?<\/target>/.test(body))
      .map(([, id]) => id),
  );
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const byId = new Map(all.entries.map((each) => [each.id, each]));
  const entries = all.entries.flatMap((each) => {
    const form = PLURAL.exec(each.id);
    if (translated.has(each.id)) return !form || categories.includes(form[2]) ? [each] : [];
    const other = form && categories.includes(form[2]) ? byId.get(`${form[1]}.other`) : undefined;
    return other && translated.has(other.id) ? [{ id: each.id, text: `'${each.id}'${other.text.slice(other.id.length + 2)}` }] : [];
  });
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
