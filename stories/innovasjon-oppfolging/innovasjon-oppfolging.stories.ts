import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../src/innovasjon-oppfolging/innovasjon-oppfolging.js';
import { GuideStore } from '../../src/store.js';
import { sampleDocument, themed } from '../story-support.js';

interface OppfolgingArgs {
  step: number;
  readonly: boolean;
  withActions: boolean;
}

const renderOppfolging = ({ step, readonly, withActions }: OppfolgingArgs) => html`<innovasjon-oppfolging
  step=${step}
  ?readonly=${readonly}
  .store=${new GuideStore(withActions ? { document: sampleDocument() } : {})}
></innovasjon-oppfolging>`;

const meta: Meta<OppfolgingArgs> = {
  title: 'Elements/innovasjon-oppfolging',
  component: 'innovasjon-oppfolging',
  // The step sheet hands it the store; here the story does.
  render: renderOppfolging,
  args: { step: 1, readonly: false, withActions: true },
  argTypes: { step: { control: { type: 'number', min: 1, max: 4 } } },
};
export default meta;

type Story = StoryObj<OppfolgingArgs>;

/** «Fortsett turen!»: the actions agreed for step 1, one done. */
export const WithActions: Story = {};
export const Empty: Story = { args: { withActions: false } };
/** The add form, fetched and opened the way a person does it: by pressing «Legg til oppfølging». */
export const AddFormOpen: Story = {
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('innovasjon-oppfolging');
    await element?.updateComplete;
    element?.shadowRoot?.querySelector<HTMLButtonElement>('button.add-button')?.click();
  },
};
export const Readonly: Story = { args: { readonly: true } };
export const DarkTheme: Story = { render: (args) => themed('dark', renderOppfolging(args)) };
