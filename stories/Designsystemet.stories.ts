import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../src/innovasjon-guide/innovasjon-guide.component.js';
import type { DesignsystemetParameters } from './designsystemet.js';
import { sampleDocument } from './story-support.js';

/**
 * The guide on a page with Designsystemet: no `--innovasjon-*` property is
 * set; colours, font, radius and focus ring come from the theme's `--ds-*`
 * tokens, and `data-color-scheme` on `<html>` turns it dark.
 */
const meta: Meta = {
  title: 'Theming/Designsystemet',
  component: 'innovasjon-guide',
  // Each story puts its own theme on :root: one story per page, so no docs page that shows several.
  tags: ['!autodocs'],
  render: () => html`<innovasjon-guide
    no-storage
    step="1"
    ${ref((element) => {
      if (element) (element as InnovasjonGuide).data = sampleDocument();
    })}
  ></innovasjon-guide>`,
};
export default meta;

type Story = StoryObj;
const on = (designsystemet: DesignsystemetParameters) => ({ parameters: { designsystemet } });

/** Designsystemet's own theme (digdir), light. */
export const DigdirLight: Story = on({ theme: 'digdir', scheme: 'light' });

/** Designsystemet's own theme (digdir), dark: cards, notes, menus and dialogs from the dark tokens. */
export const DigdirDark: Story = on({ theme: 'digdir', scheme: 'dark' });

/** Altinn's theme, light. */
export const AltinnLight: Story = on({ theme: 'altinn', scheme: 'light' });

/** Altinn's theme, dark. */
export const AltinnDark: Story = on({ theme: 'altinn', scheme: 'dark' });

/** `data-color-scheme="auto"`: the device's setting decides (try it with the browser's or the OS's dark mode). */
export const DigdirAuto: Story = on({ theme: 'digdir', scheme: 'auto' });

/** Without Designsystemet: `color-scheme="auto"` on the guide follows the device; unset, it stays light. */
export const OwnSchemeAuto: Story = {
  render: () => html`<innovasjon-guide
    no-storage
    step="1"
    color-scheme="auto"
    ${ref((element) => {
      if (element) (element as InnovasjonGuide).data = sampleDocument();
    })}
  ></innovasjon-guide>`,
};
