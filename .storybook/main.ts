// Storybook for the elements: stories/ mirrors src/, docs come from
// custom-elements.json (npm run analyze). Works offline: no telemetry, no
// update check, nothing fetched at run time.
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
        // build would drop `import '…/innovasjon-guide.js'` from src/: keep those modules.
        name: 'innovasjon-src-registrations',
        transform(code: string, id: string) {
          if (id.includes('/src/') && code.includes('customElements.define(')) {
            return { code, map: null, moduleSideEffects: true };
          }
          return null;
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
