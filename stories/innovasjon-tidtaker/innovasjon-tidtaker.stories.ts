import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../src/innovasjon-tidtaker/innovasjon-tidtaker.js';
import { themed } from '../story-support.js';

interface TidtakerArgs {
  minutes: number;
}

const renderTidtaker = ({ minutes }: TidtakerArgs) =>
  html`<innovasjon-tidtaker minutes=${minutes}></innovasjon-tidtaker>`;

const meta: Meta<TidtakerArgs> = {
  title: 'Elements/innovasjon-tidtaker',
  component: 'innovasjon-tidtaker',
  render: renderTidtaker,
  args: { minutes: 10 },
  argTypes: { minutes: { control: { type: 'number', min: 1, max: 15 } } },
  parameters: { actions: { handles: ['innovasjon-timer-end'] } },
};
export default meta;

type Story = StoryObj<TidtakerArgs>;

/** A ten-minute timebox for one card. */
export const TenMinutes: Story = {};
/** One minute: start it to see the end message and the `innovasjon-timer-end` event. */
export const OneMinute: Story = { args: { minutes: 1 } };
export const DarkTheme: Story = { render: (args) => themed('dark', renderTidtaker(args)) };
