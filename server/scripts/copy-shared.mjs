// Run at `prepack`: copies what the server package shares with the repository into server/,
// so `npm pack` (and a publish) in server/ always ships it: the root LICENSE, the operators'
// documents from the root docs/ (server/README.md links to them as docs/…), and SECURITY.md
// when the repository has one. The copies are gitignored here (server/.gitignore); edit the
// originals at the repository's root.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const server = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(server, '..');

const required = ['LICENSE', 'docs/drift.md', 'docs/behandlingsprotokoll.md', 'docs/collab-schema.md', 'docs/workshop-api.md'];
const optional = ['SECURITY.md'];

rmSync(join(server, 'docs'), { recursive: true, force: true });
for (const path of [...required, ...optional]) {
  const from = join(root, path);
  const to = join(server, path);
  if (!existsSync(from)) {
    if (required.includes(path)) throw new Error(`copy-shared: ${path} is missing at the repository's root`);
    rmSync(to, { force: true });
    continue;
  }
  mkdirSync(dirname(to), { recursive: true });
  if (path.startsWith('docs/')) {
    // A document's link to the server's own files (`../server/README.md` at the root) points
    // one folder up inside the package (`../README.md`, from docs/ to the package's root).
    writeFileSync(to, readFileSync(from, 'utf8').replace(/\]\(\.\.\/server\//g, '](../'));
  } else {
    copyFileSync(from, to);
  }
}
