// Two theme examples, as a host page would write them: custom properties on
// the element or a container around it. Used by the stories and by the
// accessibility tests, which check contrast and axe on each.

export const themes = {
  /** A dark intranet page: light text on dark surfaces, notes stay paper-coloured. */
  dark: {
    'background': "#161a1f",
    'color': "#e6e8eb",
    '--innovasjon-color-text': "#e6e8eb",
    '--innovasjon-color-text-subtle': "#b4bcc6",
    '--innovasjon-color-heading': "#ffffff",
    '--innovasjon-color-surface': "#20262d",
    '--innovasjon-color-surface-alt': "#2b333c",
    '--innovasjon-color-border': "#8b96a3",
    '--innovasjon-color-accent': "#8cc8ff",
    '--innovasjon-color-on-accent': "#0b1a26",
    '--innovasjon-color-focus': "#ffd166",
    '--innovasjon-color-danger': "#ff8f87",
    '--innovasjon-kort-background': "#1c2128",
    '--innovasjon-note-shadow': "0 1px 3px rgb(0 0 0 / 0.6)",
  },
  /** «Fjordvik kommune», a made-up kommune: its serif font, wine-red profile colour and square corners. */
  kommune: {
    'background': "#faf7f2",
    '--innovasjon-font-family': "Georgia, 'Times New Roman', serif",
    '--innovasjon-color-accent': "#7a1f3d",
    '--innovasjon-color-on-accent': "#ffffff",
    '--innovasjon-color-heading': "#5c162d",
    '--innovasjon-color-focus': "#0b3d5c",
    '--innovasjon-radius': "2px",
    '--innovasjon-kort-border-color': "#c9b8a6",
    '--innovasjon-note-yellow': "#fbeeb8",
    '--innovasjon-note-pink': "#f6d3dc",
    '--innovasjon-note-blue': "#d5e6f3",
    '--innovasjon-note-green': "#d9ecd3",
    '--innovasjon-note-orange': "#fbdcc0",
  },
} satisfies Record<string, Record<string, string>>;

export type ThemeName = keyof typeof themes;
