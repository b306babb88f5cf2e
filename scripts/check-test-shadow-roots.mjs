#!/usr/bin/env node
// Fails when a test file outside the harnesses opens a shadow root (issue 27).
// An element's markup is known in one place, its harness (test/<element>/harness.ts
// on test/harness.ts); walks over the whole composed tree live in test/helpers.ts.
// A test that needs a part of an element asks the element's harness for it; a part
// the harness lacks is added there, once.
//
// Run by `npm test` before the browsers start; `node scripts/check-test-shadow-roots.mjs`
// alone prints what it found.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const testDir = join(root, 'test');

/** Modules whose job is to know markup or to walk the composed tree. */
const isHarnessOrHelper = (path) => path === 'test/helpers.ts' || path === 'test/harness.ts' || /^test\/[^/]+\/harness\.ts$/.test(path);

/**
 * Files that may open shadow roots although they are tests, each with the reason.
 * Keep it short: a file belongs here only when it cannot import a harness.
 */
export const ALLOWED = new Map([
  [
    'test/release/cms.test.mjs',
    'Node drives a browser (Playwright) on the released release/cms/ files; the code that reads the page runs inside page.evaluate() in a plain page that cannot import the TypeScript harnesses.',
  ],
  [
    'test/storybook/docs.test.mjs',
    'Node drives the built Storybook in a browser; the check that the guide rendered runs inside the page, which cannot import the TypeScript harnesses.',
  ],
]);

const SOURCE = /\.(ts|js|mjs|cjs|tsx|jsx)$/;
// `shadowRoot` as a word: shadowRootsIn (a helper's name) is fine, `.shadowRoot` and `shadowRoot:` are not.
const PATTERN = /\bshadowRoot\b/;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (SOURCE.test(entry.name)) yield path;
  }
}

export function findShadowRootUses() {
  const found = [];
  for (const file of files(testDir)) {
    const path = relative(root, file).split(sep).join('/');
    if (isHarnessOrHelper(path) || ALLOWED.has(path)) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (PATTERN.test(line)) found.push(`${path}:${index + 1}: ${line.trim()}`);
      });
  }
  return found;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const found = findShadowRootUses();
  if (found.length) {
    console.error(
      `Tests open shadow roots outside the harnesses (${found.length} ${found.length === 1 ? 'line' : 'lines'}). Ask the element's harness ` +
        `(test/<element>/harness.ts) for the part, adding it there if it is missing; walks over the whole ` +
        `composed tree belong in test/helpers.ts:\n${found.map((line) => `  ${line}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log(`No test opens a shadow root outside test/helpers.ts, test/harness.ts and test/*/harness.ts (files allowed: ${[...ALLOWED.keys()].join(', ')}).`);
}
