import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../src/innovasjon-rom-status/innovasjon-rom-status.js';
import type { ConnectionStatus } from '../../src/collab/room-connection.js';
import { FakeRoom } from '../../test/innovasjon-rom-status/fake-room.js';
import { themed } from '../story-support.js';

interface RomArgs {
  status: ConnectionStatus;
  offer: number;
}

const people = [
  { id: 'kari', name: 'Kari', step: 1, self: true },
  { id: 'ola', name: 'Ola', step: 1, self: false },
  { id: 'per', name: 'Per', step: 3, self: false },
];

const renderRom = ({ status, offer }: RomArgs) => {
  const room = new FakeRoom({
    state: { status, reason: status === 'refused' ? 'too-many-items' : status === 'unauthorized' ? 'token-expired' : undefined },
    presence: status === 'connected' ? people : people.slice(0, 1),
    localOffer: offer ? { notes: offer, actions: 0 } : undefined,
  });
  return html`<innovasjon-rom-status .room=${room.asRoom}></innovasjon-rom-status>`;
};

/**
 * What a guide with `collab-url` shows above its sheets: the connection in words, who is here,
 * this device's earlier notes to bring in, and removing the room's copy from the device. It comes
 * with the room's chunk; these stories use a stand-in room (no server).
 */
const meta: Meta<RomArgs> = {
  title: 'Elements/innovasjon-rom-status',
  component: 'innovasjon-rom-status',
  render: renderRom,
  args: { status: 'connected', offer: 0 },
  argTypes: {
    status: { control: 'select', options: ['connecting', 'connected', 'offline', 'unauthorized', 'refused'] },
    offer: { control: { type: 'number', min: 0, max: 50 } },
  },
};
export default meta;

type Story = StoryObj<RomArgs>;

export const Connected: Story = {};
export const Offline: Story = { args: { status: 'offline' } };
export const Unauthorized: Story = { args: { status: 'unauthorized' } };
export const LocalNotesToBringIn: Story = { args: { offer: 4 } };
export const DarkTheme: Story = { render: (args) => themed('dark', renderRom(args)) };
