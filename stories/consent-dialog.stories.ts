import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import type { TenantType } from '../src/core/cloud.js';
import type { KitError } from '../src/core/errors.js';
import {
  CLIENT_ID,
  GCC_HIGH_TENANT,
  REDIRECT_URI,
  STANDARD_TENANT,
  consentUrlFor,
  withinShadow,
} from './support/fixtures.js';

interface DialogArgs {
  open: boolean;
  consentUrl: string;
  tenantType: TenantType;
  tenantId: string;
  consentGiven: boolean;
  busy: boolean;
  error: KitError | undefined;
  onConsentChange: (event: Event) => void;
  onConsentConfirm: (event: Event) => void;
  onConsentCancel: (event: Event) => void;
  onConsentLinkCopy: (event: Event) => void;
}

const meta: Meta<DialogArgs> = {
  title: 'Elements/consent-dialog',
  component: 'consent-dialog',
  args: {
    open: true,
    consentUrl: consentUrlFor('standard', STANDARD_TENANT),
    tenantType: 'standard',
    tenantId: STANDARD_TENANT,
    consentGiven: false,
    busy: false,
    error: undefined,
    onConsentChange: fn(),
    onConsentConfirm: fn(),
    onConsentCancel: fn(),
    onConsentLinkCopy: fn(),
  },
  argTypes: {
    tenantType: { control: 'inline-radio', options: ['standard', 'gcc-high'] },
  },
  parameters: {
    // A modal dialog takes the whole page: give each story its own frame in the docs.
    docs: { story: { inline: false, height: '44rem' } },
  },
  render: (args) => html`
    <consent-dialog
      ?open=${args.open}
      consent-url=${args.consentUrl}
      tenant-type=${args.tenantType}
      tenant-id=${args.tenantId}
      ?consent-given=${args.consentGiven}
      ?busy=${args.busy}
      .error=${args.error}
      @consent-change=${args.onConsentChange}
      @consent-confirm=${args.onConsentConfirm}
      @consent-cancel=${args.onConsentCancel}
      @consent-link-copy=${args.onConsentLinkCopy}
    ></consent-dialog>
  `,
};

export default meta;
type Story = StoryObj<DialogArgs>;

/** Standard tenant: the link goes to login.microsoftonline.com. */
export const OpenStandard: Story = {
  name: 'Open, Standard',
};

/** GCC High tenant: the link goes to login.microsoftonline.us. */
export const OpenGccHigh: Story = {
  name: 'Open, GCC High',
  args: {
    tenantType: 'gcc-high',
    tenantId: GCC_HIGH_TENANT,
    consentUrl: consentUrlFor('gcc-high', GCC_HIGH_TENANT),
  },
  play: async ({ canvasElement }) => {
    const dialog = withinShadow(canvasElement.querySelector('consent-dialog'));
    const link = await dialog.findByRole('link', { name: /Microsoft admin consent/ });
    await expect(new URL(link.getAttribute('href') ?? '').host).toBe('login.microsoftonline.us');
  },
};

/** "I have given my consent" is ticked: Confirm is enabled. */
export const ConsentTicked: Story = {
  name: 'Consent ticked',
  args: { consentGiven: true },
  play: async ({ canvasElement, args }) => {
    const dialog = withinShadow(canvasElement.querySelector('consent-dialog'));
    const confirm = await dialog.findByRole('button', { name: 'Confirm' });
    await expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    await waitFor(() => expect(args.onConsentConfirm).toHaveBeenCalledOnce());
  },
};

/** The adapter is verifying consent: Confirm and Cancel wait. */
export const Verifying: Story = {
  args: { consentGiven: true, busy: true },
};

/** Microsoft found no consent for the app in the tenant. */
export const VerificationFailed: Story = {
  name: 'Verification failed',
  args: {
    consentGiven: true,
    error: {
      code: 'consent-missing',
      aadsts: 'AADSTS65001',
      detail: 'AADSTS65001: The user or administrator has not consented to use the application.',
    },
  },
};

/**
 * A link that does not point at the tenant type's sign-in host is never rendered: here a
 * look-alike host. The dialog explains instead.
 */
export const InvalidLink: Story = {
  name: 'Invalid link',
  args: {
    consentUrl: `https://login.microsoftonline.co/${STANDARD_TENANT}/adminconsent?client_id=${CLIENT_ID}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`,
  },
  play: async ({ canvasElement }) => {
    const dialog = withinShadow(canvasElement.querySelector('consent-dialog'));
    const alert = await dialog.findByRole('alert');
    // The dialog fades in: wait for the end of its opening animation.
    await waitFor(() => expect(alert).toBeVisible());
    await expect(dialog.queryByRole('link')).toBeNull();
  },
};

export const French: Story = {
  globals: { lang: 'fr' },
};

export const Dark: Story = {
  args: { consentGiven: true },
  globals: { theme: 'dark' },
};
