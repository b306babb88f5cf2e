import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { turguide } from '../../src/content/turguide.js';
import '../../src/innovasjon-kort/innovasjon-kort.js';
import { createDocument, GuideStore } from '../../src/store.js';
import { sampleDocument } from '../story-support.js';

interface KortArgs {
  cardId: string;
  readonly: boolean;
  withNotes: boolean;
}

const cards = turguide.steps.flatMap((step) => step.cards);

const meta: Meta<KortArgs> = {
  title: 'Elements/innovasjon-kort',
  component: 'innovasjon-kort',
  // The card is given its content and a store by <innovasjon-trinn>; here the story does it.
  render: ({ cardId, readonly, withNotes }) => html`<innovasjon-kort
    style="max-width: 24rem"
    .card=${cards.find((card) => card.id === cardId)}
    .store=${new GuideStore({ document: withNotes ? sampleDocument() : createDocument() })}
    ?readonly=${readonly}
  ></innovasjon-kort>`,
  args: { cardId: 't1-mal', readonly: false, withNotes: true },
  argTypes: { cardId: { control: 'select', options: cards.map((card) => card.id) } },
  parameters: {
    docs: {
      description: {
        component: 'One question card. Used inside `<innovasjon-trinn>`, which hands it the card and the store.',
      },
    },
  },
};
export default meta;

type Story = StoryObj<KortArgs>;

export const WithNotes: Story = {};
export const Empty: Story = { args: { withNotes: false, cardId: 't3-inspirasjon' } };
export const Readonly: Story = { args: { readonly: true } };
