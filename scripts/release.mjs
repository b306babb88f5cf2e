// npm run release: builds the page package and the server package and writes release/:
//
//   release/innovasjonsguide-<version>.tgz          npm pack of the root
//   release/innovasjonsguide-server-<version>.tgz   npm pack of server/ (its prepack copies LICENSE and docs/ in)
//   release/cms/                                    the one folder a CMS editor copies: the bundle and exactly
//                                                   the chunks/ and locales/ it loads, no types, no source maps
//   release/SHA256SUMS                              both tarballs and every file in cms/ (sha256sum -c SHA256SUMS)
//
// It refuses to run when the two packages' versions differ from each other or from the newest
// version section of CHANGELOG.md. Plain Node, no dependencies beyond what the build uses.
//
//   node scripts/release.mjs             build and write release/ from scratch
//   node scripts/release.mjs --if-stale  do nothing when release/ is newer than every file that goes into it
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(ROOT, 'server');
const RELEASE = join(ROOT, 'release');
const CMS = join(RELEASE, 'cms');
const DIST = join(ROOT, 'dist');
const ENTRY = 'innovasjon-guide.bundle.js';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const fail = (message) => {
  console.error(`release: ${message}`);
  process.exit(1);
};
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const run = (command, args, cwd = ROOT) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const toPosix = (path) => path.split(sep).join('/');
const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// 1. One version everywhere.
export function releaseVersion() {
  const page = readJson(join(ROOT, 'package.json')).version;
  const server = readJson(join(SERVER, 'package.json')).version;
  const changelog = /^## \[?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\]?/m.exec(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'))?.[1];
  const found = {
    'package.json': page,
    'server/package.json': server,
    'CHANGELOG.md (newest section)': changelog,
    'package-lock.json': readJson(join(ROOT, 'package-lock.json')).packages?.['']?.version,
    'server/package-lock.json': readJson(join(SERVER, 'package-lock.json')).packages?.['']?.version,
    'src/internal/version.ts': /VERSION = '([^']+)'/.exec(readFileSync(join(ROOT, 'src/internal/version.ts'), 'utf8'))?.[1],
  };
  const versions = new Set(Object.values(found));
  if (versions.size !== 1 || !page) {
    throw new Error(
      `the versions differ, so there is nothing to release:\n${Object.entries(found)
        .map(([where, version]) => `  ${where}: ${version ?? '(none)'}`)
        .join('\n')}\nGive both packages the version of the newest CHANGELOG.md section.`,
    );
  }
  return page;
}

// 2. Stale or not: release/ is fresh when SHA256SUMS names this version's tarballs and is newer
// than every file git knows (tracked or new) that can go into a package. Tests, stories,
// benchmarks and demo pages do not.
const NOT_SHIPPED = /^(test|stories|bench|demo|\.ci|\.github|release)\//;
export function releaseIsFresh(version) {
  const sums = join(RELEASE, 'SHA256SUMS');
  if (!existsSync(sums)) return false;
  const listed = readFileSync(sums, 'utf8');
  if (!listed.includes(`  innovasjonsguide-${version}.tgz\n`) || !listed.includes(`  innovasjonsguide-server-${version}.tgz\n`)) return false;
  const made = statSync(sums).mtimeMs;
  const files = run('git', ['ls-files', '-co', '--exclude-standard', '-z']).split('\0').filter(Boolean);
  return files.every((file) => NOT_SHIPPED.test(file) || !existsSync(join(ROOT, file)) || statSync(join(ROOT, file)).mtimeMs <= made);
}

// 3. What the CMS bundle loads: its static and dynamic imports, followed through every chunk.
const RELATIVE_IMPORT = /(?:\bimport|\bfrom)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;
export function bundleFiles(dist = DIST) {
  const found = new Set();
  const visit = (file) => {
    // Private-use locales (`se-x-pseudo`, the tests' pseudo-locale) are a developer's tool, not a language to ship.
    if (found.has(file) || /^locales\/[^/]*-x-pseudo-[^/]+\.js$/.test(file)) return;
    const path = join(dist, file);
    if (!existsSync(path)) throw new Error(`${file} is imported by the bundle but missing from dist/`);
    found.add(file);
    const code = readFileSync(path, 'utf8');
    if (/\bimport\.meta\.url\b|new\s+Worker\s*\(/.test(code)) {
      throw new Error(`${file} loads something by URL (import.meta.url or a worker): teach scripts/release.mjs to ship it`);
    }
    for (const [, specifier] of code.matchAll(RELATIVE_IMPORT)) {
      visit(posix.normalize(posix.join(posix.dirname(file), specifier.split(/[?#]/)[0])));
    }
  };
  visit(ENTRY);
  return [...found].sort();
}

const filesUnder = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => toPosix(relative(dir, join(entry.parentPath ?? entry.path, entry.name))))
    .sort();

const tarList = (tarball) => run('tar', ['-tzf', tarball]).split('\n').filter(Boolean);
const tarRead = (tarball, path) => run('tar', ['-xOzf', tarball, path]);

function packInto(cwd) {
  const [result] = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', RELEASE], cwd));
  return join(RELEASE, result.filename);
}

function main() {
  const args = new Set(process.argv.slice(2));
  let version;
  try {
    version = releaseVersion();
  } catch (error) {
    fail(error.message);
  }
  if (args.has('--if-stale') && releaseIsFresh(version)) {
    console.log(`release/ is up to date for ${version} (run npm run release to build it again).`);
    return;
  }
  const started = Date.now();

  console.log(`release ${version}: building the page package (npm run build)…`);
  execFileSync(npm, ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  console.log('release: installing and building the server package (scripts/ensure-collab-server.mjs)…');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-collab-server.mjs')], { cwd: ROOT, stdio: 'inherit' });

  rmSync(RELEASE, { recursive: true, force: true });
  mkdirSync(CMS, { recursive: true });

  // The tarballs.
  const pageTarball = packInto(ROOT);
  const serverTarball = packInto(SERVER);
  const problems = [];
  for (const [tarball, name] of [
    [pageTarball, 'innovasjonsguide'],
    [serverTarball, 'innovasjonsguide-server'],
  ]) {
    const expected = `${name}-${version}.tgz`;
    if (!tarball.endsWith(`/${expected}`)) problems.push(`npm pack wrote ${tarball}, not ${expected}`);
    const packed = JSON.parse(tarRead(tarball, 'package/package.json'));
    if (packed.name !== name || packed.version !== version) problems.push(`${expected} holds ${packed.name}@${packed.version}`);
  }

  // The CMS folder: what the bundle loads, without the source-map comment (the maps stay in dist/
  // and the npm package; they describe dist/ files a CMS does not have).
  const cmsFiles = bundleFiles();
  for (const file of cmsFiles) {
    const to = join(CMS, file);
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, readFileSync(join(DIST, file), 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n'));
  }
  const emitted = filesUnder(DIST).filter((file) => file === ENTRY || /^(chunks|locales)\/[^/]+\.js$/.test(file));
  const unused = emitted.filter((file) => !cmsFiles.includes(file));
  if (unused.length) console.warn(`release: not in cms/, since the bundle never loads them: ${unused.join(', ')}`);

  // What each tarball must hold.
  const pageList = new Set(tarList(pageTarball));
  for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'custom-elements.json', ...cmsFiles.map((file) => `dist/${file}`)]) {
    if (!pageList.has(`package/${file}`)) problems.push(`${relative(ROOT, pageTarball)} lacks ${file}`);
  }
  const serverList = new Set(tarList(serverTarball));
  const serverNeeds = ['package.json', 'README.md', 'LICENSE', 'dist/innovasjonsguide-server.js', 'docs/drift.md', 'docs/behandlingsprotokoll.md', 'docs/collab-schema.md'];
  if (existsSync(join(ROOT, 'SECURITY.md'))) serverNeeds.push('SECURITY.md');
  if (existsSync(join(SERVER, 'deploy'))) serverNeeds.push(...filesUnder(join(SERVER, 'deploy')).map((file) => `deploy/${file}`));
  // Every relative link in the server's README and documents resolves inside the package.
  for (const doc of [...serverList].filter((path) => /^package\/(README|SECURITY|docs\/[^/]+)\.md$/.test(path))) {
    for (const [, target] of tarRead(serverTarball, doc).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      serverNeeds.push(posix.normalize(posix.join(posix.dirname(doc.slice('package/'.length)), target)));
    }
  }
  for (const file of new Set(serverNeeds)) {
    if (!serverList.has(`package/${file}`)) problems.push(`${relative(ROOT, serverTarball)} lacks ${file}`);
  }
  if (problems.length) fail(`the release is not right:\n- ${problems.join('\n- ')}`);

  // SHA256SUMS, in the format `sha256sum -c` reads, then checked.
  const summed = [relative(RELEASE, pageTarball), relative(RELEASE, serverTarball), ...cmsFiles.map((file) => `cms/${file}`)];
  writeFileSync(join(RELEASE, 'SHA256SUMS'), summed.map((file) => `${sha256(join(RELEASE, file))}  ${file}\n`).join(''));
  verifySums();

  const cmsBytes = cmsFiles.reduce((sum, file) => sum + statSync(join(CMS, file)).size, 0);
  console.log(
    `release ${version} in ${relative(process.cwd(), RELEASE) || '.'}/ (${((Date.now() - started) / 1000).toFixed(0)} s):\n` +
      `  ${relative(RELEASE, pageTarball)}  ${kb(statSync(pageTarball).size)} (${pageList.size} files)\n` +
      `  ${relative(RELEASE, serverTarball)}  ${kb(statSync(serverTarball).size)} (${serverList.size} files)\n` +
      `  cms/  ${cmsFiles.length} files, ${kb(cmsBytes)}: ${ENTRY}, ${cmsFiles.filter((f) => f.startsWith('chunks/')).length} in chunks/, ` +
      `${cmsFiles.filter((f) => f.startsWith('locales/')).length} in locales/\n` +
      `  SHA256SUMS  ${summed.length} files, verified`,
  );
}

/** Checks release/SHA256SUMS: every listed file has its sum, and every file in release/ is listed. */
export function verifySums() {
  const lines = readFileSync(join(RELEASE, 'SHA256SUMS'), 'utf8').split('\n').filter(Boolean);
  const listed = new Set();
  for (const line of lines) {
    const [, sum, file] = /^([0-9a-f]{64}) {2}(.+)$/.exec(line) ?? [];
    if (!file) fail(`SHA256SUMS has a line sha256sum cannot read: ${line}`);
    if (!existsSync(join(RELEASE, file)) || sha256(join(RELEASE, file)) !== sum) fail(`SHA256SUMS: ${file} does not match`);
    listed.add(file);
  }
  const present = filesUnder(RELEASE).filter((file) => file !== 'SHA256SUMS');
  const unlisted = present.filter((file) => !listed.has(file));
  if (unlisted.length) fail(`SHA256SUMS does not cover ${unlisted.join(', ')}`);
  // The same check with the tool the README names, where it exists.
  try {
    run('sha256sum', ['--version']);
  } catch {
    return;
  }
  run('sha256sum', ['-c', '--quiet', '--strict', 'SHA256SUMS'], RELEASE);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
