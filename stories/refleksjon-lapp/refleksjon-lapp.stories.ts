import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../src/refleksjon-lapp/refleksjon-lapp.js';
import { NOTE_COLORS, type NoteColor } from '../../src/store.js';
import { themed } from '../story-support.js';

interface LappArgs {
  text: string;
  color: NoteColor;
  author: string;
  readonly: boolean;
  editing: boolean;
  context: string;
  votes: number;
  voted: boolean;
  voting: boolean;
}

const colourNames: Record<NoteColor, string> = { yellow: 'Gul', pink: 'Rosa', blue: 'Blå', green: 'Grønn', orange: 'Oransje' };

const renderLapp = (args: LappArgs) => html`<refleksjon-lapp
  text=${args.text}
  color=${args.color}
  author=${args.author}
  context=${args.context}
  ?readonly=${args.readonly}
  ?editing=${args.editing}
  ?voting=${args.voting}
  ?voted=${args.voted}
  .votes=${args.votes}
  style="max-width: 18rem"
></refleksjon-lapp>`;

const meta: Meta<LappArgs> = {
  title: 'Elements/refleksjon-lapp',
  component: 'refleksjon-lapp',
  render: renderLapp,
  args: {
    text: 'Kortere ventetid på hjemmetjenester',
    color: 'yellow',
    author: '',
    readonly: false,
    editing: false,
    context: 'Hva er målet vårt?',
    votes: 0,
    voted: false,
    voting: false,
  },
  argTypes: { color: { control: 'select', options: [...NOTE_COLORS] } },
  parameters: {
    actions: { handles: ['refleksjon-lapp-change', 'refleksjon-lapp-cancel', 'refleksjon-lapp-delete', 'refleksjon-lapp-move', 'refleksjon-lapp-vote'] },
  },
};
export default meta;

type Story = StoryObj<LappArgs>;

export const Yellow: Story = {};
export const Pink: Story = { args: { color: 'pink' } };
export const Blue: Story = { args: { color: 'blue' } };
export const Green: Story = { args: { color: 'green' } };
export const Orange: Story = { args: { color: 'orange' } };

/** Every colour side by side, each named in words too. */
export const AllColours: Story = {
  render: (args) =>
    html`<div style="display: flex; flex-wrap: wrap; gap: 1rem">
      ${NOTE_COLORS.map((color) => renderLapp({ ...args, color, readonly: true, text: `${colourNames[color]} lapp` }))}
    </div>`,
};

/** A note with its author shown. */
export const WithAuthor: Story = { args: { author: 'Kari Nordmann', color: 'blue' } };

/** Being written: Enter saves, Shift+Enter gives a new line, Escape cancels. */
export const Editing: Story = { args: { editing: true } };

/** With votes: the count shows; Stem, like every other action, is in the note's menu (the ••• button). */
export const WithVotes: Story = { args: { votes: 3, author: 'Ali' } };

/** While the team votes (`votes-per-person` on the step): a one-click vote button on every note. */
export const Voting: Story = { args: { voting: true, votes: 2, voted: true } };

/** Several notes on their own: each opens the same menu code, one menu open at a time. On a board they share one. */
export const Several: Story = {
  render: (args) =>
    html`<div style="display: flex; flex-wrap: wrap; gap: 1rem">
      ${(['yellow', 'blue', 'green'] as const).map((color, index) => renderLapp({ ...args, color, text: `Lapp ${index + 1}` }))}
    </div>`,
};

/** Read-only: no controls; the colour is written out. */
export const Readonly: Story = { args: { readonly: true, author: 'Ola', color: 'green' } };

/** Long text wraps inside the note. */
export const LongText: Story = {
  args: {
    text: 'Vi vil at innbyggere som søker om hjemmetjenester skal få svar innen to uker, og at de som trenger det mest får hjelp først. Det krever at vi ser på hele søknadsprosessen sammen med dem det gjelder.',
    color: 'orange',
  },
};

/** On a dark page the paper stays light, with dark text. */
export const DarkTheme: Story = { render: (args) => themed('dark', renderLapp(args)) };
