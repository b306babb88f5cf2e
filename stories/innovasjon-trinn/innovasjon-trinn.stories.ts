import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '../../src/innovasjon-trinn/innovasjon-trinn.js';
import type { InnovasjonTrinn } from '../../src/innovasjon-trinn/innovasjon-trinn.component.js';
import type { GuideDocument } from '../../src/store.js';
import { corruptStorageKey, sampleDocument, themed } from '../story-support.js';

interface TrinnArgs {
  number: number;
  readonly: boolean;
  noStorage: boolean;
  storageKey: string;
  /** Not an attribute: the document the story starts with. */
  data?: GuideDocument;
}

const renderTrinn = (args: TrinnArgs) => html`<innovasjon-trinn
  number=${args.number}
  storage-key=${args.storageKey}
  ?readonly=${args.readonly}
  ?no-storage=${args.noStorage}
  ${ref((element) => {
    if (element && args.data) (element as InnovasjonTrinn).data = args.data;
  })}
></innovasjon-trinn>`;

const meta: Meta<TrinnArgs> = {
  title: 'Elements/innovasjon-trinn',
  component: 'innovasjon-trinn',
  render: renderTrinn,
  args: { number: 1, readonly: false, noStorage: true, storageKey: 'storybook-innovasjon-trinn' },
  argTypes: {
    number: { control: { type: 'number', min: 1, max: 4 } },
    data: { control: false },
  },
  parameters: {
    docs: {
      description: {
        component:
          'One step alone, as a CMS article about that step shows it. With the same `storage-key` as a guide on the site it shows and edits the same notes.',
      },
    },
  },
};
export default meta;

type Story = StoryObj<TrinnArgs>;

/** Step 1 with no notes yet. */
export const Empty: Story = {};

/** Step 1 with the team's notes. */
export const WithNotes: Story = { args: { data: sampleDocument() } };

/** Step 2, read-only. */
export const Readonly: Story = { args: { number: 2, readonly: true, data: sampleDocument() } };

/** Step 3, «Utforsk muligheter». */
export const Step3: Story = { args: { number: 3 } };

/** Step 4, «Realisere». */
export const Step4: Story = { args: { number: 4 } };

/** The stored notes cannot be read: a message, a backup, and an empty step. */
export const StorageError: Story = {
  args: { noStorage: false },
  render: (args) => renderTrinn({ ...args, storageKey: corruptStorageKey('trinn-corrupt') }),
};

/** On a dark page. */
export const DarkTheme: Story = {
  args: { data: sampleDocument() },
  render: (args) => themed('dark', renderTrinn(args)),
};

/** In a kommune's profile. */
export const KommuneBranded: Story = {
  args: { number: 2, data: sampleDocument() },
  render: (args) => themed('kommune', renderTrinn(args)),
};
