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
  finishAnimations,
  nameWith,
  stringsOf,
  themeAttribute,
  withinShadow,
  type ElementTheme,
} from './support/fixtures.js';

// Controls and event logging come from custom-elements.json (see .storybook/preview.ts): the
// tenant type is a radio of its real values, and every event reaches the `on…` arg of its name.
interface DialogArgs {
  open: boolean;
  consentUrl: string;
  tenantType: TenantType;
  tenantId: string;
  consentGiven: boolean;
  busy: boolean;
  error: KitError | undefined;
  theme: ElementTheme;
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
    theme: 'inherit',
    onConsentChange: fn(),
    onConsentConfirm: fn(),
    onConsentCancel: fn(),
    onConsentLinkCopy: fn(),
  },
  parameters: {
    // A modal dialog takes the whole page: give each story its own frame in the docs.
    docs: { story: { inline: false, height: '44rem' } },
  },
  // Stories without their own play function: the open dialog, its opening fade ended.
  play: async ({ canvasElement }) => {
    await openDialog(canvasElement);
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
      theme=${themeAttribute(args.theme)}
    ></consent-dialog>
  `,
};

export default meta;
type Story = StoryObj<DialogArgs>;

/**
 * Queries inside the dialog once it is open, with its opening fade ended, so that what the play
 * function and the accessibility check see is the dialog as it stays.
 */
async function openDialog(canvasElement: HTMLElement) {
  const host = canvasElement.querySelector('consent-dialog');
  const dialog = withinShadow(host);
  await waitFor(() => expect(dialog.getByRole('dialog')).toHaveAttribute('open'));
  if (host) finishAnimations(host);
  return dialog;
}

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
  play: async (context) => {
    const t = stringsOf(context);
    const dialog = await openDialog(context.canvasElement);
    const link = await dialog.findByRole('link', { name: nameWith(t.consentLink) });
    await expect(new URL(link.getAttribute('href') ?? '').host).toBe('login.microsoftonline.us');
  },
};

/** "I have given my consent" is ticked: Confirm is enabled. */
export const ConsentTicked: Story = {
  name: 'Consent ticked',
  args: { consentGiven: true },
  play: async (context) => {
    const { canvasElement, args } = context;
    const dialog = await openDialog(canvasElement);
    const confirm = await dialog.findByRole('button', { name: stringsOf(context).confirm });
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
    const dialog = await openDialog(canvasElement);
    await expect(await dialog.findByRole('alert')).toBeVisible();
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
