// Fails when custom-elements.json is not what `npm run analyze` would write
// from the source now, when a tag src/ registers has no element in it, or when
// an element lacks an event, part or CSS property its source declares
// (scripts/manifest-gaps.mjs). Writes the fresh manifest to a temporary folder
// and leaves the working tree alone.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { elementsOf, sourceGaps, untaggedRegistrations } from './manifest-gaps.mjs';

const MANIFEST = 'custom-elements.json';

const folder = mkdtempSync(join(tmpdir(), 'innovasjon-cem-'));
try {
  // The analyzer joins --outdir to the working directory, so it must be relative.
  execFileSync(
    'npx',
    ['cem', 'analyze', '--litelement', '--quiet', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(process.cwd(), folder)],
    { stdio: 'inherit' },
  );
  const fresh = readFileSync(join(folder, MANIFEST), 'utf8');
  if (!existsSync(MANIFEST) || readFileSync(MANIFEST, 'utf8') !== fresh) {
    const problem = existsSync(MANIFEST) ? 'is out of date with src/' : 'is missing';
    console.error(`${MANIFEST} ${problem}: run npm run analyze and commit the result.`);
    process.exit(1);
  }
  // Every tag the source registers is an element in the manifest, by its tag name (Storybook and editors look it up so).
  const manifest = JSON.parse(fresh);
  const missing = untaggedRegistrations(manifest);
  if (missing.length) {
    console.error(`${MANIFEST} has no element with the tag name ${missing.join(', ')}, though src/ registers it.`);
    process.exit(1);
  }
  const tagged = elementsOf(manifest);
  const gaps = sourceGaps(manifest);
  if (gaps.length) {
    console.error(`${MANIFEST} lacks what src/ declares (document it in the element's JSDoc header: @event, @csspart, @cssproperty):\n- ${gaps.join('\n- ')}`);
    process.exit(1);
  }
  console.log(
    `${MANIFEST} is up to date; its ${tagged.length} elements carry their tag names, and every event, part and CSS property their source declares.`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
