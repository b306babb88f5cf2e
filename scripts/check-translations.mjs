// Fails when a string in src/ is missing from the XLIFF files, when a unit
// has no translation in a target locale, or when src/generated is stale.
// Leaves the working tree as it found it.
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
const xliff = targetLocales.map((locale) => `locales/${locale}.xlf`);
const problems = [];

const xliffBefore = snapshot(xliff);
execSync('npx lit-localize extract', { stdio: 'ignore' });
const stale = changed(xliffBefore);
if (stale.length) problems.push(`strings in src/ differ from ${stale.join(', ')}: run npm run localize:extract and translate`);
restore(xliffBefore);

for (const path of xliff) {
  const text = readFileSync(path, 'utf8');
  const units = [...text.matchAll(/<trans-unit id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g)];
  const missing = units.filter(([, , body]) => !/<target>[\s\S]*?\S[\s\S]*?<\/target>/.test(body)).map(([, id]) => id);
  if (missing.length) problems.push(`${path}: ${missing.length} untranslated: ${missing.join(', ')}`);
}

const generatedBefore = snapshot(filesIn('src/generated'));
execSync('npm run --silent localize:build', { stdio: 'ignore' });
const staleGenerated = changed(generatedBefore);
if (staleGenerated.length) problems.push(`${staleGenerated.join(', ')} out of date: run npm run localize:build`);
restore(generatedBefore);

if (problems.length) {
  console.error(`Translations are not complete:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Translations complete for ${targetLocales.join(', ')}.`);
