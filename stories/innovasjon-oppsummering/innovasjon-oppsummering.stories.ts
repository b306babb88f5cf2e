import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../src/innovasjon-oppsummering/innovasjon-oppsummering.js';
import { GuideStore } from '../../src/store.js';
import { sampleDocument, themed } from '../story-support.js';

interface OppsummeringArgs {
  withNotes: boolean;
}

const renderOppsummering = ({ withNotes }: OppsummeringArgs) => html`<innovasjon-oppsummering
  .store=${new GuideStore(withNotes ? { document: sampleDocument() } : {})}
></innovasjon-oppsummering>`;

const meta: Meta<OppsummeringArgs> = {
  title: 'Elements/innovasjon-oppsummering',
  component: 'innovasjon-oppsummering',
  // The guide shows it as its last sheet and hands it the store; here the story does.
  render: renderOppsummering,
  args: { withNotes: true },
};
export default meta;

type Story = StoryObj<OppsummeringArgs>;

/** The summary of a workshop halfway through. */
export const WithNotes: Story = {};
export const Empty: Story = { args: { withNotes: false } };
export const KommuneBranded: Story = { render: (args) => themed('kommune', renderOppsummering(args)) };
