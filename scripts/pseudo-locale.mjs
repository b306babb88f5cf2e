// Writes locales/se-x-pseudo.xlf: a made-up language for tests and for
// translators, generated from the bokmål source strings (run after
// `lit-localize extract`, as `npm run localize:extract` does). Each string
// becomes ⟦…⟧ with its letters accented (ÀÉÎ…), so anything on screen that is
// not between ⟦ and ⟧ did not come from the catalogue; placeholders
// (<x id="…" equiv-text="…"/>) and XML entities stay exactly as they are. A
// plural form «two» (an id ending in `.two`) ends in ², so a test can see the
// dual was chosen. The tag is `se` with a private-use subtag, so Intl gives it
// Northern Sámi's plural rules (one, two, other) and, where the browser has
// them, its number and date formats.
//
// The pseudo-locale is configured like any language (one line in
// lit-localize.json) and proves that adding one needs nothing else. A page
// with lang="se-x-pseudo" shows it: handy for finding text that is not translatable.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const PSEUDO_LOCALE = 'se-x-pseudo';
const path = `locales/${PSEUDO_LOCALE}.xlf`;

const ACCENTS = Object.fromEntries(
  [...'aeiouyAEIOUYcnsCNSz'].map((letter, index) => [letter, [...'àéîõüýÀÉÎÕÜÝçñšÇÑŠž'][index]]),
);

/** The pseudo text of one XLIFF <source>: markup and entities kept, letters accented, the whole in ⟦…⟧. */
export function pseudo(source, { dual = false } = {}) {
  const parts = source.split(/(<x\b[^>]*\/>|&[#\w]+;)/);
  const text = parts.map((part, index) => (index % 2 ? part : [...part].map((char) => ACCENTS[char] ?? char).join(''))).join('');
  return `⟦${text}${dual ? '²' : ''}⟧`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { targetLocales } = JSON.parse(readFileSync('lit-localize.json', 'utf8'));
  if (!targetLocales.includes(PSEUDO_LOCALE) || !existsSync(path)) {
    console.error(`${PSEUDO_LOCALE} is not in lit-localize.json's targetLocales, or ${path} is missing: run npm run localize:extract`);
    process.exit(1);
  }
  const xliff = readFileSync(path, 'utf8').replace(
    /(<trans-unit id="([^"]+)"[^>]*>\s*<source>([\s\S]*?)<\/source>)(?:\s*<target>[\s\S]*?<\/target>)?/g,
    (all, unit, id, source) => `${unit}\n  <target>${pseudo(source, { dual: id.endsWith('.two') })}</target>`,
  );
  writeFileSync(path, xliff);
}
