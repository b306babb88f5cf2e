import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import manifest from '../custom-elements.json';
import { applyDesignsystemet } from '../stories/designsystemet.js';

// Docs tables (attributes, properties, events, CSS properties, parts) come from the manifest.
setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    locale: {
      description: 'The page language (<html lang>) the elements follow',
      toolbar: {
        title: 'Språk',
        icon: 'globe',
        items: [
          { value: 'nb', title: 'Bokmål (nb)' },
          { value: 'nn', title: 'Nynorsk (nn)' },
          { value: 'en', title: 'English (en)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'nb' },
  decorators: [
    withActions,
    (story, context) => {
      // The elements follow <html lang> live, as on a real page.
      document.documentElement.lang = context.globals.locale ?? 'nb';
      // Designsystemet's theme for the stories that ask for it, and off again for the rest.
      applyDesignsystemet(context.parameters.designsystemet);
      return story();
    },
  ],
  parameters: {
    controls: { expanded: true },
    // Every library event shows in the Actions panel (they bubble and are composed).
    actions: {
      handles: [
        'innovasjon-note-add',
        'innovasjon-note-change',
        'innovasjon-note-remove',
        'innovasjon-step-change',
        'innovasjon-vote',
        'innovasjon-action-add',
        'innovasjon-action-change',
        'innovasjon-action-remove',
        'innovasjon-change',
        'innovasjon-error',
        'innovasjon-timer-end',
      ],
    },
    a11y: { test: 'error' },
  },
};

export default preview;
