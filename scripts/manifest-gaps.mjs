// What custom-elements.json lacks of what src/ declares, for scripts/check-manifest.mjs (and its test).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** The manifest's custom elements that carry a tag name, with their modules. */
export const elementsOf = (manifest) =>
  manifest.modules
    .flatMap((module) => (module.declarations ?? []).map((declaration) => ({ declaration, module })))
    .filter(({ declaration }) => declaration.customElement && declaration.tagName);

/** The tags src/ registers (`define('tag', Class)`, src/internal/define.ts). */
export const registeredTags = () =>
  [...new Set(execFileSync('grep', ['-rhoE', "define\\('[a-z]+-[a-z-]+'", 'src'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((call) => call.slice("define('".length, -1)))];

/** Registered tags with no element of that tag name in the manifest. */
export function untaggedRegistrations(manifest, registered = registeredTags()) {
  const tagged = new Set(elementsOf(manifest).map(({ declaration }) => declaration.tagName));
  return registered.filter((tag) => !tagged.has(tag));
}

const readSource = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : '');
const namesIn = (code, pattern) => new Set([...code.matchAll(pattern)].map((match) => match[1]));

/**
 * What each element's own source declares and its manifest entry lacks:
 * - an event it sends itself (`emit(this, 'name'`, `emit(this.host, …`) or declares in an event map in its module;
 * - a part its template names literally (`part="name"`);
 * - a component-tier CSS property its styles read (`var(--innovasjon-<tag suffix>-…`);
 * and, across the library, an event of the DOM-wide map in src/events.ts (`InnovasjonEventMap`) that no element lists,
 * and an element with no attributes though its class declares `@property()` options that are not `attribute: false`.
 */
export function sourceGaps(manifest, read = readSource) {
  const gaps = [];
  const elements = elementsOf(manifest);
  // The event names typed in src/events.ts's maps (the DOM-wide one and the note's requests).
  const typedEvents = new Set(
    [...read('src/events.ts').matchAll(/interface (?:InnovasjonEventMap|LappRequestEventMap)[^{]*\{([^}]*)\}/g)].flatMap(([, body]) => [...namesIn(body, /'([a-z][a-z-]*)':/g)]),
  );
  const listedEverywhere = new Set(elements.flatMap(({ declaration }) => (declaration.events ?? []).map((event) => event.name)));
  for (const { declaration, module } of elements) {
    const tag = declaration.tagName;
    const source = module.path.replace(/^dist\/(.*)\.js$/, 'src/$1.ts');
    const code = read(source);
    const styles = read(source.replace(/(\.component)?\.ts$/, '.styles.ts'));
    const events = new Set((declaration.events ?? []).map((event) => event.name));
    const parts = new Set((declaration.cssParts ?? []).map((part) => part.name));
    const properties = new Set((declaration.cssProperties ?? []).map((property) => property.name));
    const sent = namesIn(code, /emit\(this(?:\.host)?,\s*'([a-z][a-z-]*)'/g);
    // `emit(this, \`refleksjon-lapp-${type}\`, …)`: every typed event with that prefix.
    for (const prefix of namesIn(code, /emit\(this(?:\.host)?,\s*`([a-z][a-z-]*)\$\{/g)) {
      for (const name of typedEvents) if (name.startsWith(prefix)) sent.add(name);
    }
    for (const name of sent) {
      if (!events.has(name)) gaps.push(`<${tag}> sends ${name} (${source}) but lists no such event`);
    }
    for (const name of namesIn(code, /\bpart="([a-z][a-z-]*)"/g)) {
      if (!parts.has(name)) gaps.push(`<${tag}> has the part ${name} (${source}) but lists no such @csspart`);
    }
    const own = `--innovasjon-${tag.replace(/^(innovasjon|refleksjon)-/, '')}-`;
    for (const name of namesIn(styles, /var\((--innovasjon-[a-z][a-z-]*)/g)) {
      if (name.startsWith(own) && !properties.has(name)) gaps.push(`<${tag}>'s styles read ${name} but it lists no such @cssproperty`);
    }
    const declaresAttributes = /@property\((?![^)]*attribute:\s*false)/.test(code);
    if (declaresAttributes && !(declaration.attributes ?? []).length) gaps.push(`<${tag}> declares attributes (${source}) but lists none`);
  }
  const eventMap = /interface InnovasjonEventMap \{([^}]*)\}/.exec(read('src/events.ts'))?.[1] ?? '';
  for (const name of namesIn(eventMap, /'([a-z][a-z-]*)':/g)) {
    if (!listedEverywhere.has(name)) gaps.push(`${name} (InnovasjonEventMap in src/events.ts) is listed by no element`);
  }
  return gaps;
}
