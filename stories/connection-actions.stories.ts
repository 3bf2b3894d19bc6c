import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import type { Connection } from '../src/core/connection.js';
import type { KitError } from '../src/core/errors.js';
import {
  CONNECTION,
  GCC_HIGH_CONNECTION,
  finishAnimations,
  stringsOf,
  themeAttribute,
  withinShadow,
  type ElementTheme,
} from './support/fixtures.js';

// Event logging comes from custom-elements.json (see .storybook/preview.ts): every event
// reaches the `on…` arg of its name.
interface ActionsArgs {
  connection: Connection | undefined;
  busy: boolean;
  error: KitError | undefined;
  hideReconnect: boolean;
  theme: ElementTheme;
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
    theme: 'inherit',
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
      theme=${themeAttribute(args.theme)}
    ></connection-actions>
  `,
};

export default meta;
type Story = StoryObj<ActionsArgs>;

/** Connected with an enrollment and a remediation page. Disconnect asks for confirmation. */
export const ConnectedWithUrls: Story = {
  name: 'Connected with URLs',
  play: async (context) => {
    const { canvasElement, args } = context;
    const t = stringsOf(context);
    const host = canvasElement.querySelector('connection-actions');
    const actions = withinShadow(host);
    await userEvent.click(await actions.findByRole('button', { name: t.editAccount }));
    await waitFor(() => expect(args.onConnectionEdit).toHaveBeenCalledOnce());
    await userEvent.click(actions.getByRole('button', { name: t.disconnectAccount }));
    await waitFor(() => expect(args.onDisconnectRequest).toHaveBeenCalledOnce());
    const confirmation = await actions.findByRole('dialog', { name: t.disconnectTitle });
    if (host) finishAnimations(host);
    await expect(confirmation).toBeVisible();
    // Leave the story as it was: the safe choice closes the confirmation.
    await userEvent.click(within(confirmation).getByRole('button', { name: t.cancel }));
    await waitFor(() => expect(confirmation).not.toHaveAttribute('open'));
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
