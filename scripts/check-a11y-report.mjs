#!/usr/bin/env node
// Checks docs/tilgjengelighet.md against WCAG and against the tests (issue 28):
// - every one of the 47 WCAG 2.1 A/AA success criteria that Norway's forskrift requires has its section,
//   under its number and Norwegian name, with a status and with a test or a manual check (or «Ikke relevant»);
// - the three the forskrift leaves out (1.2.3, 1.2.4, 1.2.5) and the six WCAG 2.2 additions have theirs;
// - every `Test:` line names a file that exists and a test in it with exactly that name:
//       - **Test:** `test/accessibility/accessibility.test.ts` › «tabs through a step in reading order»
//   A name built in a loop is written as it stands in the source, `${…}` and all.
// Before the real report it checks itself on broken copies (a wrong name, a missing file, a missing
// criterion, a skipped test), so a check that can no longer fail fails too.
//
//   node scripts/check-a11y-report.mjs [path/to/report.md]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The 47 criteria of WCAG 2.1, levels A and AA, that forskrift om universell utforming av IKT-løsninger requires. */
export const REQUIRED = [
  ['1.1.1', 'Ikke-tekstlig innhold', 'A'],
  ['1.2.1', 'Bare lyd og bare video (forhåndsinnspilt)', 'A'],
  ['1.2.2', 'Teksting (forhåndsinnspilt)', 'A'],
  ['1.3.1', 'Informasjon og relasjoner', 'A'],
  ['1.3.2', 'Meningsfylt rekkefølge', 'A'],
  ['1.3.3', 'Sensoriske egenskaper', 'A'],
  ['1.3.4', 'Visningsretning', 'AA'],
  ['1.3.5', 'Identifiser formål med inndata', 'AA'],
  ['1.4.1', 'Bruk av farge', 'A'],
  ['1.4.2', 'Styring av lyd', 'A'],
  ['1.4.3', 'Kontrast (minimum)', 'AA'],
  ['1.4.4', 'Endring av tekststørrelse', 'AA'],
  ['1.4.5', 'Bilder av tekst', 'AA'],
  ['1.4.10', 'Dynamisk tilpasning (Reflow)', 'AA'],
  ['1.4.11', 'Kontrast for ikke-tekstlig innhold', 'AA'],
  ['1.4.12', 'Tekstavstand', 'AA'],
  ['1.4.13', 'Pekerfølsomt innhold eller innhold ved tastaturfokus', 'AA'],
  ['2.1.1', 'Tastatur', 'A'],
  ['2.1.2', 'Ingen tastaturfelle', 'A'],
  ['2.1.4', 'Hurtigtaster som består av ett tegn', 'A'],
  ['2.2.1', 'Justerbar hastighet', 'A'],
  ['2.2.2', 'Pause, stopp, skjul', 'A'],
  ['2.3.1', 'Terskelverdi på maksimalt tre glimt', 'A'],
  ['2.4.1', 'Hoppe over blokker', 'A'],
  ['2.4.2', 'Sidetitler', 'A'],
  ['2.4.3', 'Fokusrekkefølge', 'A'],
  ['2.4.4', 'Formål med lenke (i kontekst)', 'A'],
  ['2.4.5', 'Flere måter', 'AA'],
  ['2.4.6', 'Overskrifter og ledetekster', 'AA'],
  ['2.4.7', 'Synlig fokus', 'AA'],
  ['2.5.1', 'Pekerbevegelser', 'A'],
  ['2.5.2', 'Pekeravbrytelse', 'A'],
  ['2.5.3', 'Ledetekst i navn', 'A'],
  ['2.5.4', 'Bevegelsesaktivering', 'A'],
  ['3.1.1', 'Språk på siden', 'A'],
  ['3.1.2', 'Språk på deler av innholdet', 'AA'],
  ['3.2.1', 'Fokus', 'A'],
  ['3.2.2', 'Inndata', 'A'],
  ['3.2.3', 'Konsekvent navigering', 'AA'],
  ['3.2.4', 'Konsekvent identifikasjon', 'AA'],
  ['3.3.1', 'Identifikasjon av feil', 'A'],
  ['3.3.2', 'Ledetekster eller instruksjoner', 'A'],
  ['3.3.3', 'Forslag ved feil', 'AA'],
  ['3.3.4', 'Forhindring av feil (juridiske feil, økonomiske feil, datafeil)', 'AA'],
  ['4.1.1', 'Parsing (oppdeling)', 'A'],
  ['4.1.2', 'Navn, rolle, verdi', 'A'],
  ['4.1.3', 'Statusbeskjeder', 'AA'],
];

/** WCAG 2.1 A/AA criteria the forskrift leaves out: listed in the report too, marked so. */
export const EXEMPT = [
  ['1.2.3', 'Synstolking eller mediealternativ (forhåndsinnspilt)', 'A'],
  ['1.2.4', 'Teksting (direkte)', 'AA'],
  ['1.2.5', 'Synstolking (forhåndsinnspilt)', 'AA'],
];

/** The WCAG 2.2 additions at A and AA (4.1.1 is gone from 2.2; the report says so). */
export const WCAG22 = [
  ['2.4.11', 'Fokus ikke skjult (minimum)', 'AA'],
  ['2.5.7', 'Draing', 'AA'],
  ['2.5.8', 'Målstørrelse (minimum)', 'AA'],
  ['3.2.6', 'Konsekvent hjelp', 'A'],
  ['3.3.7', 'Overflødig inntasting', 'A'],
  ['3.3.8', 'Tilgjengelig autentisering (minimum)', 'AA'],
];

const STATUSES = ['Oppfylt', 'Delvis oppfylt', 'Ikke oppfylt', 'Ikke relevant', 'Vertssidens ansvar', 'Ikke fullt kontrollert'];

/**
 * The names of the tests in a source file, as written: the first argument of it(), it.only(), it.skip(),
 * test(), and of any name bound to `it` (`const chromiumOnly = … ? it.skip : it;`).
 * Returns [{ name, skipped }]; a template literal's name keeps its `${…}` as written.
 */
export function testNames(source) {
  const callees = new Set(['it', 'test']);
  for (const match of source.matchAll(/\bconst\s+(\w+)\s*=\s*([^;\n]*);/g)) {
    if (/^(?:[^;]*\?\s*)?\b(?:it|test)(?:\.skip|\.only)?\s*(?::\s*\b(?:it|test)(?:\.skip|\.only)?\s*)?$/.test(match[2].trim())) callees.add(match[1]);
  }
  const names = [];
  const call = new RegExp(`(?<![\\w.$])(${[...callees].join('|')})(\\.only|\\.skip)?\\s*\\(\\s*(['"\`])`, 'g');
  for (const match of source.matchAll(call)) {
    const quote = match[3];
    let index = match.index + match[0].length;
    let name = '';
    let depth = 0; // inside ${ … } of a template literal
    for (; index < source.length; index++) {
      const char = source[index];
      if (char === '\\' && depth === 0) {
        const next = source[index + 1];
        name += { n: '\n', t: '\t' }[next] ?? next;
        index++;
        continue;
      }
      if (quote === '`' && char === '$' && source[index + 1] === '{' && depth === 0) {
        depth = 1;
        name += '${';
        index++;
        continue;
      }
      if (depth > 0) {
        if (char === '{') depth++;
        if (char === '}') depth--;
        name += char;
        continue;
      }
      if (char === quote) break;
      name += char;
    }
    names.push({ name, skipped: match[2] === '.skip' });
  }
  return names;
}

/** The criteria sections of a report: «### 1.1.1 Navn (A)» up to the next heading of level 2 or 3. */
export function sections(report) {
  const found = [];
  const lines = report.split('\n');
  let current;
  for (const [index, line] of lines.entries()) {
    const heading = line.match(/^###\s+(\d+\.\d+\.\d+)\s+(.+?)\s+\((A|AA)\)\s*$/);
    if (heading) {
      current = { number: heading[1], name: heading[2], level: heading[3], line: index + 1, body: [] };
      found.push(current);
    } else if (/^#{1,3}\s/.test(line)) current = undefined;
    else current?.body.push({ text: line, line: index + 1 });
  }
  return found;
}

/**
 * Everything wrong with `report`: a list of messages, empty when it is sound.
 * `read(path)` gives a repository file's text, or undefined when there is none.
 */
export function check(report, read) {
  const problems = [];
  const all = sections(report);
  const byNumber = new Map();
  for (const section of all) {
    if (byNumber.has(section.number)) problems.push(`line ${section.line}: ${section.number} is there twice`);
    byNumber.set(section.number, section);
  }
  const known = new Map([...REQUIRED, ...EXEMPT, ...WCAG22].map(([number, name, level]) => [number, { name, level }]));
  for (const section of all) {
    const expected = known.get(section.number);
    if (!expected) problems.push(`line ${section.line}: ${section.number} is no WCAG 2.1 A/AA criterion nor a 2.2 addition`);
    else if (expected.name !== section.name || expected.level !== section.level) {
      problems.push(`line ${section.line}: ${section.number} is «${expected.name}» (${expected.level}), not «${section.name}» (${section.level})`);
    }
  }
  for (const [number, name] of [...REQUIRED, ...EXEMPT, ...WCAG22]) {
    if (!byNumber.has(number)) problems.push(`${number} ${name} is missing (a section «### ${number} ${name} (…)»)`);
  }

  const files = new Map();
  const namesIn = (path) => {
    if (!files.has(path)) {
      const source = read(path);
      files.set(path, source === undefined ? undefined : testNames(source));
    }
    return files.get(path);
  };
  for (const section of all) {
    const field = (label) => section.body.filter(({ text }) => text.startsWith(`- **${label}:**`));
    const [status] = field('Status');
    if (!status) problems.push(`line ${section.line}: ${section.number} has no «- **Status:** …» line`);
    else if (!STATUSES.some((word) => status.text.slice('- **Status:**'.length).trim().startsWith(word))) {
      problems.push(`line ${status.line}: ${section.number}'s status starts with none of ${STATUSES.join(', ')}`);
    }
    const tests = field('Test');
    const manual = field('Manuell');
    const irrelevant = status?.text.includes('Ikke relevant');
    if (!irrelevant && tests.length === 0 && manual.length === 0) {
      problems.push(`line ${section.line}: ${section.number} names no test and no manual check`);
    }
    for (const { text, line } of manual) {
      if (!/\d{4}-\d{2}-\d{2}|ikke utført/.test(text)) problems.push(`line ${line}: a manual check says its date (YYYY-MM-DD) or «ikke utført»`);
    }
    for (const { text, line } of tests) {
      const parts = text.match(/^- \*\*Test:\*\* `([^`]+)` › «(.+)»\s*$/);
      if (!parts) {
        problems.push(`line ${line}: write a test as - **Test:** \`path\` › «exact test name»`);
        continue;
      }
      const [, path, name] = parts;
      const names = namesIn(path);
      if (names === undefined) problems.push(`line ${line}: ${path} does not exist`);
      else {
        const found = names.filter((each) => each.name === name);
        if (found.length === 0) problems.push(`line ${line}: ${path} has no test named «${name}»`);
        else if (found.every((each) => each.skipped)) problems.push(`line ${line}: «${name}» in ${path} is skipped`);
      }
    }
  }
  // The summary's counts («- **oppfylt** på 36 krav») match the statuses of the 47 required criteria.
  const required = new Set(REQUIRED.map(([number]) => number));
  const counts = new Map();
  for (const section of all.filter((each) => required.has(each.number))) {
    const status = section.body.find(({ text }) => text.startsWith('- **Status:**'))?.text.slice('- **Status:**'.length).trim();
    const word = STATUSES.find((each) => status?.startsWith(each));
    if (word) counts.set(word.toLowerCase(), (counts.get(word.toLowerCase()) ?? 0) + 1);
  }
  const stated = new Map([...report.matchAll(/^- \*\*([\p{L} ]+)\*\* på (\d+)/gmu)].map((match) => [match[1].toLowerCase(), Number(match[2])]));
  for (const word of new Set([...counts.keys(), ...stated.keys()])) {
    if ((counts.get(word) ?? 0) !== (stated.get(word) ?? 0)) {
      problems.push(`the summary says ${stated.get(word) ?? 0} criteria are «${word}», the sections say ${counts.get(word) ?? 0}`);
    }
  }
  return problems;
}

/** The check must catch what it is for: run it on broken copies of the report first. */
function selfTest(report, read) {
  const firstTest = report.match(/^- \*\*Test:\*\* `([^`]+)` › «(.+)»\s*$/m);
  if (!firstTest) return ['the report names no test at all'];
  const cases = [
    ['a wrong test name', report.replace(firstTest[0], firstTest[0].replace(/»\s*$/, ' (feil navn)»')), 'has no test named'],
    ['a missing file', report.replace(firstTest[0], firstTest[0].replace(firstTest[1], 'test/finnes-ikke.test.ts')), 'does not exist'],
    ['a missing criterion', report.replace(/^### 2\.1\.2 .*$/m, '### Fjernet'), '2.1.2 Ingen tastaturfelle is missing'],
    ['a summary that no longer adds up', report.replace(/^(- \*\*oppfylt\*\* på )(\d+)/m, (_, lead, n) => `${lead}${Number(n) + 1}`), 'the summary says'],
    ['a criterion with no evidence', report.replace(/^(### 1\.1\.1 [^\n]*\n)([\s\S]*?)(?=^##)/m, '$1\n- **Status:** Oppfylt\n\n'), 'names no test and no manual check'],
    [
      'a skipped test',
      report.replace(firstTest[0], firstTest[0]),
      'is skipped',
      (path) => (path === firstTest[1] ? `it.skip(${JSON.stringify(firstTest[2])}, () => {});` : read(path)),
    ],
  ];
  const failures = [];
  for (const [what, broken, expected, readBroken = read] of cases) {
    const problems = check(broken, readBroken);
    if (!problems.some((problem) => problem.includes(expected))) failures.push(`self-test: ${what} went unnoticed (${problems.join('; ') || 'no problems'})`);
  }
  // And the source reader: names as they are written.
  const names = testNames(`const only = x ? it.skip : it;
    it('a’s \\'quoted\\' name', f); it(\`\${name} in a loop { }\`, f); only("double", f); describe('not a test', f);`).map((each) => each.name);
  const expectedNames = ["a’s 'quoted' name", '${name} in a loop { }', 'double'];
  if (JSON.stringify(names) !== JSON.stringify(expectedNames)) failures.push(`self-test: read ${JSON.stringify(names)}, expected ${JSON.stringify(expectedNames)}`);
  return failures;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const reportPath = resolve(process.argv[2] ?? resolve(root, 'docs/tilgjengelighet.md'));
  const report = readFileSync(reportPath, 'utf8');
  const read = (path) => {
    const full = resolve(root, path);
    return full.startsWith(root + '/') && existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  };
  const problems = [...selfTest(report, read), ...check(report, read)];
  if (problems.length) {
    console.error(`${reportPath}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  const tests = [...report.matchAll(/^- \*\*Test:\*\* /gm)].length;
  const manual = [...report.matchAll(/^- \*\*Manuell:\*\* /gm)].length;
  console.log(
    `${reportPath}: ${REQUIRED.length} required criteria, ${EXEMPT.length} exempt and ${WCAG22.length} WCAG 2.2 additions present; ` +
      `${tests} named tests exist by exact name; ${manual} manual checks dated or marked not done`,
  );
}
