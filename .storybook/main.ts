// Storybook for the elements: stories/ mirrors src/, docs come from
// custom-elements.json (npm run analyze). Works offline: no telemetry, no
// update check, nothing fetched at run time.
import { readFileSync } from 'node:fs';
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    plugins: [
      ...(viteConfig.plugins ?? []),
      {
        // package.json's sideEffects names the registration files in dist/ only, so the
        // build would drop `import '…/innovasjon-guide.js'` from src/ and no element would
        // be defined. The registration files (those calling `define('tag', Class)`, see
        // src/internal/define.ts) are marked as having side effects where they are resolved,
        // which Vite's bundler honours (a `moduleSideEffects` from `transform` it did not);
        // test/storybook/docs.test.mjs opens the built docs and sees the element upgraded.
        name: 'innovasjon-src-registrations',
        enforce: 'pre' as const,
        async resolveId(source: string, importer: string | undefined, options: object) {
          if (!importer || !source.startsWith('.')) return null;
          const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
          if (!resolved || resolved.external || !resolved.id.includes('/src/') || !resolved.id.endsWith('.ts')) return resolved;
          const code = readFileSync(resolved.id.split('?')[0], 'utf8');
          const registers = code.includes('customElements.define(') || /\bdefine\('[a-z]+-[a-z-]+',/.test(code);
          return registers ? { ...resolved, moduleSideEffects: true } : resolved;
        },
      },
    ],
    // Storybook's renderer imports lit/directive-helpers.js itself; pre-bundling it with the
    // rest of Lit keeps one copy of lit-html on the dev server ("Multiple versions of Lit").
    optimizeDeps: {
      ...viteConfig.optimizeDeps,
      include: [...(viteConfig.optimizeDeps?.include ?? []), 'lit/directive-helpers.js'],
    },
    // Storybook's own manager and axe are large; that is not ours to split.
    build: { ...viteConfig.build, chunkSizeWarningLimit: 2048 },
  }),
};

export default config;
