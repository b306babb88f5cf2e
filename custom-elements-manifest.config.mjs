// The Custom Elements Manifest (custom-elements.json): every element's
// attributes, properties, events, slots, CSS properties and parts, read from
// the source and its JSDoc. Editors, Storybook's docs and framework tooling
// read it. `npm run analyze` writes it; `npm run analyze:check` fails when it
// is stale.

/** Interfaces that map event names to their types: the library's own and the DOM's, as extended in `declare global`. */
const EVENT_MAPS = new Set(['InnovasjonEventMap', 'LappRequestEventMap', 'HTMLElementEventMap']);

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
 * Registration goes through `define('tag', Class)` (src/internal/define.ts), which the analyzer does not
 * read as `customElements.define`: this gives each element its `tagName` and `customElement: true`, and
 * the registering module its `custom-element-definition` export, as Storybook's docs tables and editors'
 * tag completion look elements up by tag name.
 */
function defineCallsPlugin() {
  const definitions = [];
  return {
    name: 'innovasjon-define-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, element] = node.arguments;
      if (!tag || !element || !ts.isStringLiteral(tag) || !ts.isIdentifier(element)) return;
      definitions.push({ tagName: tag.text, className: element.text, module: moduleDoc });
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const { tagName, className, module } of definitions) {
        const owner = customElementsManifest.modules.find((each) => (each.declarations ?? []).some((declaration) => declaration.kind === 'class' && declaration.name === className));
        const declaration = owner?.declarations.find((each) => each.kind === 'class' && each.name === className);
        if (!declaration) throw new Error(`define('${tagName}', ${className}): no class ${className} in the manifest`);
        declaration.customElement = true;
        declaration.tagName = tagName;
        module.exports ??= [];
        if (!module.exports.some((each) => each.kind === 'custom-element-definition' && each.name === tagName)) {
          module.exports.push({ kind: 'custom-element-definition', name: tagName, declaration: { name: className, module: owner.path } });
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
        // `this.dispatchEvent(new ContextEvent(noteMenuContext, …))` is @lit/context's request, not an event of the element:
        // the analyzer lists it under the variable's name.
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.type?.text !== 'ContextEvent');
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
  plugins: [defineCallsPlugin(), eventTypesPlugin(), publicApiPlugin(), distPathsPlugin()],
};
