import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import type { Connection } from '../src/core/connection.js';
import type { KitError } from '../src/core/errors.js';
import { CONNECTION, GCC_HIGH_CONNECTION, withinShadow } from './support/fixtures.js';

interface ActionsArgs {
  connection: Connection | undefined;
  busy: boolean;
  error: KitError | undefined;
  hideReconnect: boolean;
  onConnectionEdit: (event: Event) => void;
  onDisconnectRequest: (event: Event) => void;
  onDisconnectConfirm: (event: Event) => void;
}

const meta: Meta<ActionsArgs> = {
  title: 'Elements/connection-actions',
  component: 'connection-actions',
  args: {
    connection: CONNECTION,
    busy: false,
    error: undefined,
    hideReconnect: false,
    onConnectionEdit: fn(),
    onDisconnectRequest: fn(),
    onDisconnectConfirm: fn(),
  },
  parameters: {
    // Disconnecting opens a modal confirmation: give each story its own frame in the docs.
    docs: { story: { inline: false, height: '36rem' } },
  },
  render: (args) => html`
    <connection-actions
      .connection=${args.connection}
      .error=${args.error}
      ?busy=${args.busy}
      ?hide-reconnect=${args.hideReconnect}
      @connection-edit=${args.onConnectionEdit}
      @disconnect-request=${args.onDisconnectRequest}
      @disconnect-confirm=${args.onDisconnectConfirm}
    ></connection-actions>
  `,
};

export default meta;
type Story = StoryObj<ActionsArgs>;

/** Connected with an enrollment and a remediation page. Disconnect asks for confirmation. */
export const ConnectedWithUrls: Story = {
  name: 'Connected with URLs',
  play: async ({ canvasElement, args }) => {
    const actions = withinShadow(canvasElement.querySelector('connection-actions'));
    await userEvent.click(await actions.findByRole('button', { name: 'Disconnect account' }));
    await waitFor(() => expect(args.onDisconnectRequest).toHaveBeenCalledOnce());
    const confirmation = await actions.findByRole('dialog', { name: 'Disconnect account?' });
    await expect(confirmation).toBeVisible();
    // Leave the story as it was: the safe choice closes the confirmation.
    await userEvent.click(actions.getByRole('button', { name: 'Cancel' }));
    await expect(args.onDisconnectConfirm).not.toHaveBeenCalled();
  },
};

/** A GCC High tenant without enrollment or remediation pages ("Not set"). */
export const WithoutUrls: Story = {
  name: 'Without URLs',
  args: { connection: GCC_HIGH_CONNECTION },
};

export const Disconnecting: Story = {
  args: { busy: true },
};

export const DisconnectFailed: Story = {
  name: 'Disconnect failed',
  args: { error: { code: 'network', detail: 'Failed to fetch' } },
};

export const French: Story = {
  globals: { lang: 'fr' },
};

export const Dark: Story = {
  globals: { theme: 'dark' },
};
