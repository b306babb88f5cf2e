import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import type { GuideDocument } from '../../src/store.js';
import { corruptStorageKey, freshStorageKey, sampleDocument, themed } from '../story-support.js';

interface GuideArgs {
  step: number;
  readonly: boolean;
  noStorage: boolean;
  storageKey: string;
  votesPerPerson: number;
  /** Not an attribute: the document the story starts with. */
  data?: GuideDocument;
}

const renderGuide = (args: GuideArgs) => html`<innovasjon-guide
  step=${args.step}
  storage-key=${args.storageKey}
  votes-per-person=${args.votesPerPerson}
  ?readonly=${args.readonly}
  ?no-storage=${args.noStorage}
  ${ref((element) => {
    if (element && args.data) (element as InnovasjonGuide).data = args.data;
  })}
></innovasjon-guide>`;

const meta: Meta<GuideArgs> = {
  title: 'Elements/innovasjon-guide',
  component: 'innovasjon-guide',
  render: renderGuide,
  args: { step: 0, readonly: false, noStorage: true, storageKey: 'storybook-innovasjon-guide', votesPerPerson: 0 },
  argTypes: {
    step: { control: { type: 'number', min: 0, max: 5 } },
    data: { control: false },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The whole guide. The stories keep notes in memory (`no-storage`) unless they say otherwise, so nothing you try is saved.',
      },
    },
  },
};
export default meta;

type Story = StoryObj<GuideArgs>;

/** A new guide: the introduction, no notes yet. */
export const Empty: Story = {};

/** Step 1 of a workshop under way, with notes in several colours. */
export const WithNotes: Story = { args: { step: 1, data: sampleDocument() } };

/** The same notes, read-only: shown, with their colour named, and nothing can be changed. */
export const Readonly: Story = { args: { step: 1, readonly: true, data: sampleDocument() } };

/** Dot voting: each person has three votes per step. */
export const DotVoting: Story = { args: { step: 1, votesPerPerson: 3, data: sampleDocument() } };

/** Saved in this browser's localStorage under a story key, emptied each time the story opens. */
export const SavedInThisBrowser: Story = {
  args: { step: 1, noStorage: false },
  render: (args) => renderGuide({ ...args, storageKey: freshStorageKey('guide-saved') }),
};

/**
 * What a person sees when the stored notes cannot be read: a short message,
 * the unreadable text kept under a backup key, and an empty guide.
 */
export const StorageError: Story = {
  args: { step: 1, noStorage: false },
  render: (args) => renderGuide({ ...args, storageKey: corruptStorageKey('guide-corrupt') }),
};

/** In nynorsk, whatever the toolbar says. */
export const Nynorsk: Story = { args: { step: 1, data: sampleDocument() }, globals: { locale: 'nn' } };

/** In English, whatever the toolbar says. */
export const English: Story = { args: { step: 1, data: sampleDocument() }, globals: { locale: 'en' } };

/** On a dark intranet page, themed with the `--innovasjon-*` custom properties. */
export const DarkTheme: Story = {
  args: { step: 1, data: sampleDocument() },
  render: (args) => themed('dark', renderGuide(args)),
  parameters: { backgrounds: { disable: true } },
};

/** In a kommune's profile: its font, colour and corners (a made-up kommune). */
export const KommuneBranded: Story = {
  args: { step: 2, data: sampleDocument() },
  render: (args) => themed('kommune', renderGuide(args)),
};

/** A led session: the facilitator set *Stem* on step 1, so every note shows a one-click vote button. «Led økten» changes the phase. */
export const LedSession: Story = {
  args: { step: 1, data: sampleDocument() },
  render: (args) => html`<div
    ${ref((element) => {
      const guide = element?.querySelector('innovasjon-guide') as InnovasjonGuide | null;
      if (guide) void guide.updateComplete.then(() => guide.setPhase('vote', { step: 1 }));
    })}
  >
    ${renderGuide(args)}
  </div>`,
};

/** The presentation view, for a projector or a screen shared in Teams: large type, nothing to operate but the button that ends it. */
export const Presentation: Story = {
  args: { step: 1, data: sampleDocument() },
  render: (args) => html`<div
    ${ref((element) => {
      const guide = element?.querySelector('innovasjon-guide') as InnovasjonGuide | null;
      if (guide) guide.presentation = true;
    })}
  >
    ${renderGuide(args)}
  </div>`,
};
