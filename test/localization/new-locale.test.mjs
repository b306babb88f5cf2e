// Issue 28, the recipe of docs/oversetting.md in a copy of the repository:
// one line in lit-localize.json and one XLIFF file make a new locale (`se`);
// marked partial in locales/partial.json, its missing strings are a report of
// `npm run localize:check`, not a failure; unmarked, they fail it; a plural
// form it lacks takes its own «other». Node, not the browser:
//   node --test test/localization/new-locale.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');
let copy;
const run = (script) => spawnSync('npm', ['run', '--silent', script], { cwd: copy, encoding: 'utf8' });
const read = (path) => readFileSync(join(copy, path), 'utf8');
const write = (path, text) => writeFileSync(join(copy, path), text);

before(() => {
  copy = mkdtempSync(join(tmpdir(), 'innovasjon-new-locale-'));
  for (const path of ['src', 'locales', 'scripts', 'lit-localize.json', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) {
    cpSync(join(ROOT, path), join(copy, path), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  // The one line of configuration.
  write('lit-localize.json', read('lit-localize.json').replace('"se-x-pseudo"]', '"se-x-pseudo", "se"]'));
  assert.equal(run('localize:extract').status, 0);
  // A translator's first two units: the note count's «one» and «other», not yet its «two».
  const xliff = read('locales/se.xlf')
    .replace(/(<trans-unit id="notes\.one">\s*<source>(<x[^>]*\/>)[^<]*<\/source>)/, '$1\n  <target>$2 lávka</target>')
    .replace(/(<trans-unit id="notes\.other">\s*<source>(<x[^>]*\/>)[^<]*<\/source>)/, '$1\n  <target>$2 lávkka</target>');
  write('locales/se.xlf', xliff);
  assert.equal(run('localize:build').status, 0);
});

after(() => rmSync(copy, { recursive: true, force: true }));

test('one line and one XLIFF file make a locale: its loaders and its generated module, with what is translated', () => {
  assert.match(read('src/generated/locale-codes.ts'), /`se`/);
  assert.match(read('src/generated/locale-loaders.ts'), /'se': \(\) => import\('\.\/locales\/se\.js'\)/);
  assert.match(read('src/generated/locales/collab/loaders.ts'), /'se': \(\) => import\('\.\/se\.js'\)/);
  const module = read('src/generated/locales/se.ts');
  assert.match(module, /'notes\.one': str`\$\{0\} lávka`/);
  // The dual it lacks takes its own «other», not bokmål; what it lacks otherwise is not copied in (bokmål comes from the source).
  assert.match(module, /'notes\.two': str`\$\{0\} lávkka`/);
  assert.equal((module.match(/^'/gm) ?? []).length, 3);
});

test('marked partial, its missing strings are a report and the check passes', () => {
  write('locales/partial.json', '["se"]\n');
  const check = run('localize:check');
  assert.equal(check.status, 0, check.stderr);
  assert.match(check.stdout, /Report \(does not fail\)/);
  assert.match(check.stdout, /locales\/se\.xlf: \d+ of \d+ untranslated: .*collab\.status\.connected/);
  assert.doesNotMatch(check.stdout, /notes\.one|notes\.other/);
  assert.match(check.stdout, /Translations complete for nn, en, se-x-pseudo; partial: se\./);
});

test('not marked partial, a missing string fails the check; nn and en need no «two»', () => {
  write('locales/partial.json', '[]\n');
  const check = run('localize:check');
  assert.equal(check.status, 1);
  assert.match(check.stderr, /locales\/se\.xlf: \d+ of \d+ untranslated/);
  assert.doesNotMatch(check.stderr, /locales\/(nn|en)\.xlf/);
});
