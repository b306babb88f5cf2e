// The Custom Elements Manifest (custom-elements.json): every element's
// attributes, properties, events, slots, CSS properties and parts, read from
// the source and its JSDoc. Editors, Storybook's docs and framework tooling
// read it. `npm run analyze` writes it; `npm run analyze:check` fails when it
// is stale.

/** Interfaces that map event names to their types: the library's own and the DOM's, as extended in `declare global`. */
const EVENT_MAPS = new Set(['InnovasjonEventMap', 'HTMLElementEventMap']);

/**
 * Gives each documented event the type it is declared with in an event map
 * (`InnovasjonEventMap` in src/events.ts, or an element's own
 * `HTMLElementEventMap` entry): `innovasjon-note-add` →
 * `CustomEvent<NoteAddDetail>`. The maps are where event types are declared
 * for TypeScript, so the JSDoc `@event` lines need not repeat them.
 */
function eventTypesPlugin() {
  const typeByEvent = new Map();
  return {
    name: 'innovasjon-event-types',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isInterfaceDeclaration(node) || !EVENT_MAPS.has(node.name.text)) return;
      for (const member of node.members) {
        if (member.name && ts.isStringLiteral(member.name) && member.type) {
          typeByEvent.set(member.name.text, { text: member.type.getText(), module: moduleDoc.path });
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
        for (const event of declaration.events ?? []) {
          const declared = typeByEvent.get(event.name);
          if (!declared || (event.type?.text && event.type.text !== 'Event')) continue;
          const detail = /^CustomEvent<(\w+)>$/.exec(declared.text)?.[1];
          event.type = { text: declared.text, ...(detail && { references: [{ name: detail, module: declared.module }] }) };
        }
      }
    },
  };
}

/**
 * Keeps the manifest to what a page or app may use: drops private and
 * protected members, `#private` ones, and Lit's static plumbing.
 */
function publicApiPlugin() {
  const litStatics = new Set(['styles', 'shadowRootOptions', 'properties']);
  return {
    name: 'innovasjon-public-api',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
        if (!declaration.members) continue;
        declaration.members = declaration.members.filter(
          (member) =>
            member.privacy !== 'private' &&
            member.privacy !== 'protected' &&
            !member.name.startsWith('#') &&
            !(member.static && litStatics.has(member.name)),
        );
      }
    },
  };
}

/**
 * Points module paths at what the package ships (`src/x.ts` → `dist/x.js`,
 * which tsc writes one for one), so tools reading the manifest from
 * node_modules find the files, and sorts the modules by path.
 */
function distPathsPlugin() {
  const rewrite = (value) => {
    if (Array.isArray(value)) return value.forEach(rewrite);
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'path' || key === 'module') && typeof child === 'string') {
        value[key] = child.replace(/^\/?src\/(.*)\.ts$/, 'dist/$1.js');
      } else {
        rewrite(child);
      }
    }
  };
  return {
    name: 'innovasjon-dist-paths',
    packageLinkPhase({ customElementsManifest }) {
      rewrite(customElementsManifest.modules);
      // The analyzer lists files in the order the file system yields them: sort, so the output is stable.
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/generated/**', 'src/**/*.test.ts', 'src/**/*.stories.ts'],
  outdir: '.',
  litelement: true,
  // package.json already names the manifest (customElements); never rewrite it.
  packagejson: false,
  plugins: [eventTypesPlugin(), publicApiPlugin(), distPathsPlugin()],
};
