#!/usr/bin/env node
// The layers point one way (docs/architecture.md): the store, the storage
// adapters, the document sources and the live layer import nothing from Lit
// and nothing from the element layer above them, directly or through each
// other. Type-only imports are erased and allowed. Exits 1 and names the path
// of imports that breaks the rule.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
/** The lower layers, each checked with everything it imports. */
const LOWER = ['store', 'storage', 'sources', 'collab'].map((folder) => join(src, folder));
/** What they may not reach: Lit, and the element layer's modules. */
const FORBIDDEN_PACKAGES = /^(lit|lit\/.*|@lit\/.*|lit-html.*|lit-element.*)$/;
/** Modules outside the lower layers, except the validated content they may read (src/content) and generated data. */
const ELEMENT_LAYER = (file) =>
  file.startsWith(src + '/') &&
  !LOWER.some((folder) => file.startsWith(folder + '/')) &&
  !['content', 'generated'].some((folder) => relative(src, file).startsWith(`${folder}/`));

/** Value imports and re-exports of a module (`import type` / `export type` left out). */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const found = [];
  const pattern = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
  for (const [, , typeOnly, specifier] of text.matchAll(pattern)) if (!typeOnly) found.push(specifier);
  for (const [, specifier] of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(specifier);
  return found;
}

const resolveLocal = (from, specifier) => {
  const target = resolve(dirname(from), specifier).replace(/\.js$/, '.ts');
  return existsSync(target) ? target : undefined;
};

const problems = [];
const seen = new Map();
function visit(file, trail) {
  if (seen.has(file)) return;
  seen.set(file, trail);
  for (const specifier of importsOf(file)) {
    if (!specifier.startsWith('.')) {
      if (FORBIDDEN_PACKAGES.test(specifier)) problems.push([...trail, file, specifier]);
      continue;
    }
    const target = resolveLocal(file, specifier);
    if (!target) continue;
    if (ELEMENT_LAYER(target)) problems.push([...trail, file, target]);
    else visit(target, [...trail, file]);
  }
}

const walk = (folder) =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
for (const folder of LOWER) for (const file of walk(folder)) visit(file, []);

if (problems.length) {
  console.error('A lower layer (src/store, src/storage, src/sources, src/collab) reaches Lit or the element layer:');
  for (const path of problems) console.error('  ' + path.map((step) => (step.startsWith('/') ? relative(root, step) : step)).join(' → '));
  process.exit(1);
}
console.log(`Layers point one way: ${seen.size} modules under src/store, src/storage, src/sources and src/collab import neither Lit nor the element layer.`);
