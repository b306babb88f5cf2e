// Fails when a string in src/ is missing from the XLIFF files, when a unit
// has no translation in a complete target locale, or when src/generated is
// stale. A locale listed in locales/partial.json is partial: its missing
// translations are listed (they fall back to bokmål; a missing plural form to
// the locale's own «other») and do not fail the check. A plural form
// (`<name>.<category>`) in a CLDR category the locale's language never uses
// (`.two` in nn and en) needs no translation. Leaves the working tree as it
// found it.
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const filesIn = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
const snapshot = (paths) => new Map(paths.map((path) => [path, readFileSync(path, 'utf8')]));
const changed = (before) => [...before].filter(([path, text]) => readFileSync(path, 'utf8') !== text).map(([path]) => path);
const restore = (before) => before.forEach((text, path) => writeFileSync(path, text));

const { targetLocales } = JSON.parse(readFileSync('lit-localize.json', 'utf8'));
const partial = JSON.parse(readFileSync('locales/partial.json', 'utf8'));
for (const locale of partial) {
  if (!targetLocales.includes(locale)) {
    console.error(`locales/partial.json lists ${locale}, which is not in lit-localize.json's targetLocales`);
    process.exit(1);
  }
}
const xliff = targetLocales.map((locale) => `locales/${locale}.xlf`);
const problems = [];
const reports = [];
const PLURAL = /\.(zero|one|two|few|many|other)$/;

const xliffBefore = snapshot(xliff);
execSync('npm run --silent localize:extract', { stdio: 'ignore' });
const stale = changed(xliffBefore);
if (stale.length) problems.push(`strings in src/ differ from ${stale.join(', ')}: run npm run localize:extract and translate`);
restore(xliffBefore);

for (const locale of targetLocales) {
  const path = `locales/${locale}.xlf`;
  const text = readFileSync(path, 'utf8');
  const units = [...text.matchAll(/<trans-unit id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g)];
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const needed = ([, id]) => !PLURAL.test(id) || categories.includes(PLURAL.exec(id)[1]);
  const missing = units.filter(needed).filter(([, , body]) => !/<target>[\s\S]*?\S[\s\S]*?<\/target>/.test(body)).map(([, id]) => id);
  const offered = new Set(units.map(([, id]) => PLURAL.exec(id)?.[1]).filter(Boolean));
  const unoffered = categories.filter((category) => !offered.has(category));
  if (unoffered.length) {
    reports.push(`${locale}: its language has the plural forms ${unoffered.join(', ')}, which the source does not offer; those counts use «other» (a developer adds them to plural() calls)`);
  }
  if (!missing.length) continue;
  const line = `${path}: ${missing.length} of ${units.filter(needed).length} untranslated: ${missing.join(', ')}`;
  if (partial.includes(locale)) reports.push(`${line} (partial: these show in bokmål)`);
  else problems.push(line);
}

const generatedBefore = snapshot(filesIn('src/generated'));
execSync('npm run --silent localize:build', { stdio: 'ignore' });
const staleGenerated = changed(generatedBefore);
if (staleGenerated.length) problems.push(`${staleGenerated.join(', ')} out of date: run npm run localize:build`);
restore(generatedBefore);

if (reports.length) console.log(`Report (does not fail):\n- ${reports.join('\n- ')}\n`);
if (problems.length) {
  console.error(`Translations are not complete:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
const complete = targetLocales.filter((locale) => !partial.includes(locale));
console.log(`Translations complete for ${complete.join(', ')}${partial.length ? `; partial: ${partial.join(', ')}` : ''}.`);
