import { configureLocalization } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { allLocales, sourceLocale, targetLocales } from './generated/locale-codes.js';
import { localeLoaders } from './generated/locale-loaders.js';

export type Locale = (typeof allLocales)[number];

type Templates = Record<string, unknown>;
/** A feature's own translations, one loader per target locale (src/generated/locales/<feature>/loaders.ts). */
export type FeatureTranslations = Partial<Record<string, () => Promise<{ templates: Templates }>>>;

const features = new Set<FeatureTranslations>();
/** The templates in use per loaded locale: features fetched later add theirs to them. */
const loaded = new Map<string, Templates>();

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: async (locale) => {
    const templates: Templates = { ...(await localeLoaders[locale]()).templates };
    await Promise.all([...features].map(async (feature) => Object.assign(templates, (await feature[locale]?.())?.templates)));
    loaded.set(locale, templates);
    return { templates } as Awaited<ReturnType<(typeof localeLoaders)[string]>>;
  },
});

/**
 * Adds a feature's translations to the page's locale, now and on every later
 * change of it: an on-demand feature carries its own strings, so they never
 * swell the locale chunk a page fetches for its first render.
 */
export async function addTranslations(feature: FeatureTranslations): Promise<void> {
  if (features.has(feature)) return;
  features.add(feature);
  const locale = getLocale();
  const templates = loaded.get(locale);
  const load = feature[locale];
  if (templates && load) Object.assign(templates, (await load()).templates);
}

/**
 * The locale for a BCP 47 language tag: the longest prefix of it the guide has
 * (`se-x-pseudo` → `se-x-pseudo`, `nn-NO` → `nn`, `en-GB` → `en`); `no` and
 * anything unknown → bokmål.
 */
export function localeFor(lang: string | null | undefined): Locale {
  for (let tag = (lang ?? '').trim().toLowerCase().replace(/_/g, '-'); tag; tag = tag.slice(0, Math.max(0, tag.lastIndexOf('-')))) {
    const found = allLocales.find((locale) => locale.toLowerCase() === tag);
    if (found) return found;
  }
  return sourceLocale;
}

/** The nearest `lang` of an element or its ancestors, across shadow roots. */
export function nearestLang(element: Element): string | null {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang');
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return null;
}

// @lit/localize keeps one locale per page: the first connected guide element's
// nearest `lang` decides it, and a change to any `lang` on the page is followed.
const followers = new Set<Element>();
let observer: MutationObserver | undefined;

function applyPageLocale(): void {
  const [first] = followers;
  const locale = localeFor(first ? nearestLang(first) : document.documentElement.lang);
  if (locale !== getLocale()) {
    setLocale(locale).catch((error: unknown) => console.warn(`innovasjonsguide: could not load locale ${locale}`, error));
  }
}

/** Makes the page's language the guide's; returns the function that stops following. */
export function followPageLocale(element: Element): () => void {
  followers.add(element);
  if (!observer) {
    observer = new MutationObserver(applyPageLocale);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
  applyPageLocale();
  return () => {
    followers.delete(element);
    if (followers.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  };
}

/** Lets an element follow the page's language while it is connected. */
export class PageLocaleController implements ReactiveController {
  #stop?: () => void;
  constructor(private readonly host: ReactiveControllerHost & Element) {
    host.addController(this);
  }
  hostConnected(): void {
    this.#stop = followPageLocale(this.host);
  }
  hostDisconnected(): void {
    this.#stop?.();
  }
}
