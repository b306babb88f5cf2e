// Type-checks the package as an app gets it, after `npm run build`: `npm pack` into a temporary
// folder, the tarball unpacked as node_modules/innovasjonsguide (its dependencies and React's types
// linked from this repository's node_modules), and one tiny consumer compiled per entry of
// `exports`, each as a program of its own, so no entry borrows another's types:
// - importing the entry alone types `event.detail` of the library's events (`innovasjon-note-add`
//   on `document` and on the element the entry registers);
// - a React 19 TSX consumer with <innovasjon-guide storage-key="x"> written directly (through
//   `innovasjonsguide/jsx`) and with the wrappers of `innovasjonsguide/react.js`;
// - `@ts-expect-error` lines prove the types are real: a wrong tag, a wrong property type, a
//   wrong detail field each fail.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const root = process.cwd();
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
if (!existsSync('dist/index.d.ts') || !existsSync('dist/jsx.d.ts')) {
  console.error('dist/ is missing or old: run npm run build first.');
  process.exit(1);
}

const folder = mkdtempSync(join(tmpdir(), 'innovasjon-types-'));
try {
  // The package as npm would publish it.
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], { encoding: 'utf8' }));
  const modules = join(folder, 'node_modules');
  mkdirSync(join(modules, '@types'), { recursive: true });
  execFileSync('tar', ['-xzf', join(folder, filename), '-C', folder]);
  execFileSync('mv', [join(folder, 'package'), join(modules, pkg.name)]);
  // Everything else the app would have installed: this repository's node_modules, linked.
  for (const name of readdirSync('node_modules')) {
    if (name.startsWith('.') || name === pkg.name) continue;
    if (name === '@types') {
      for (const types of readdirSync('node_modules/@types')) symlinkSync(resolve('node_modules/@types', types), join(modules, '@types', types));
    } else {
      symlinkSync(resolve('node_modules', name), join(modules, name));
    }
  }

  const detailLines = (target) => `
${target}.addEventListener('innovasjon-note-add', (event) => {
  const text: string = event.detail.note.text;
  // @ts-expect-error a note has no such field
  void event.detail.note.missing;
  void text;
});`;
  const tagOf = {
    './innovasjon-guide.js': 'innovasjon-guide',
    './innovasjon-trinn.js': 'innovasjon-trinn',
    './innovasjon-kort.js': 'innovasjon-kort',
    './innovasjon-oppfolging.js': 'innovasjon-oppfolging',
    './innovasjon-oppsummering.js': 'innovasjon-oppsummering',
    './innovasjon-tidtaker.js': 'innovasjon-tidtaker',
    './refleksjon-lapp.js': 'refleksjon-lapp',
    './collab.js': 'innovasjon-rom-status',
  };
  const consumers = new Map();
  for (const [entry, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string' || entry === './jsx') continue; // custom-elements.json, package.json; jsx below
    const specifier = entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`;
    const tag = tagOf[entry];
    let code = `import '${specifier}';\n${detailLines('document')}\n`;
    if (tag) code += `const element = document.createElement('${tag}');\n${detailLines('element')}\n`;
    if (entry === './refleksjon-lapp.js') {
      code += `element.addEventListener('refleksjon-lapp-change', (event) => { const color: 'yellow' | 'pink' | 'blue' | 'green' | 'orange' = event.detail.color; void color; });\n`;
    }
    consumers.set(`entry-${entry === '.' ? 'root' : entry.slice(2).replace(/\W+/g, '-')}.ts`, code);
  }
  consumers.set(
    'react-app.tsx',
    `import type {} from '${pkg.name}/jsx';
import '${pkg.name}/innovasjon-guide.js';
import type { NoteAddDetail } from '${pkg.name}';
import { InnovasjonGuide, InnovasjonRomStatus, InnovasjonTidtaker, RefleksjonLapp } from '${pkg.name}/react.js';

export function Direct() {
  const added: NoteAddDetail[] = [];
  return (
    <>
      <innovasjon-guide storage-key="x" votesPerPerson={3} no-storage oninnovasjon-note-add={(event) => added.push(event.detail)} />
      <innovasjon-trinn number={2} storage-key="x" oninnovasjon-change={(event) => void event.detail.data.notes} />
      <refleksjon-lapp text="Hei" color="blue" onrefleksjon-lapp-change={(event) => void event.detail.text.trim()} />
      <innovasjon-tidtaker minutes={5} oninnovasjon-timer-end={(event) => void event.detail.minutes.toFixed()} />
      <innovasjon-rom-status />
      {/* @ts-expect-error not a tag of the library */}
      <innovasjon-gide storage-key="x" />
      {/* @ts-expect-error votesPerPerson is a number */}
      <innovasjon-guide votesPerPerson="3" />
      {/* @ts-expect-error a colour the note does not have */}
      <refleksjon-lapp color="purple" />
      {/* @ts-expect-error the detail of innovasjon-note-add has no text */}
      <innovasjon-guide oninnovasjon-note-add={(event) => void event.detail.text} />
    </>
  );
}

export function Wrapped() {
  return (
    <>
      <InnovasjonGuide storageKey="x" onNoteAdd={(event) => void event.detail.note.text} />
      <RefleksjonLapp text="Hei" onLappChange={(event) => void event.detail.color} onChange={(event) => void event.detail.text} />
      <InnovasjonTidtaker minutes={3} onTimerEnd={(event) => void event.detail.minutes} />
      <InnovasjonRomStatus />
      {/* @ts-expect-error storageKey is a string */}
      <InnovasjonGuide storageKey={3} />
    </>
  );
}
`,
  );

  const options = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const cache = new Map();
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, ...rest) => {
    if (!cache.has(name)) cache.set(name, getSourceFile.call(host, name, ...rest));
    return cache.get(name);
  };
  const problems = [];
  for (const [name, code] of consumers) {
    const file = join(folder, name);
    writeFileSync(file, code);
    const program = ts.createProgram([file], options, host);
    const diagnostics = ts.getPreEmitDiagnostics(program);
    for (const diagnostic of diagnostics) {
      const where = diagnostic.file ? `${diagnostic.file.fileName.replace(folder + '/', '')}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}` : name;
      problems.push(`${where}: TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    }
  }
  if (problems.length) {
    console.error(`The packed types fail for an app:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`The packed package type-checks from each of its ${consumers.size - 1} entries (event.detail typed by the entry alone) and in a React 19 TSX app (JSX of ${pkg.name}/jsx and the wrappers).`);
} finally {
  rmSync(folder, { recursive: true, force: true });
  void root;
}
