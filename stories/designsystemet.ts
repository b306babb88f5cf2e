// Designsystemet on the story's page, as a kommune site would have it: the
// component CSS and one brand theme from node_modules (inlined by Vite, so
// nothing is fetched), and its data-color-scheme switch on <html>. Its themes
// style :root, so only one can be on the page: preview.ts takes it off again
// for every story that does not ask for it.
import componentCss from '@digdir/designsystemet-css/index.css?inline';
import altinn from '@digdir/designsystemet-theme/altinn.css?inline';
import digdir from '@digdir/designsystemet-theme/digdir.css?inline';

export const DS_THEMES = { digdir, altinn };
export type DsTheme = keyof typeof DS_THEMES;
export type DsScheme = 'light' | 'dark' | 'auto';

/** What a story asks for, in `parameters.designsystemet`. */
export interface DesignsystemetParameters {
  theme: DsTheme;
  scheme: DsScheme;
}

const STYLE_ID = 'designsystemet-story-theme';

export function applyDesignsystemet(wanted: DesignsystemetParameters | undefined): void {
  let style = document.getElementById(STYLE_ID);
  if (!wanted) {
    style?.remove();
    document.documentElement.removeAttribute('data-color-scheme');
    return;
  }
  if (!style) {
    style = document.createElement('style');
    style.id = STYLE_ID;
    document.head.append(style);
  }
  style.textContent = `${componentCss}\n${DS_THEMES[wanted.theme]}`;
  document.documentElement.setAttribute('data-color-scheme', wanted.scheme);
}
