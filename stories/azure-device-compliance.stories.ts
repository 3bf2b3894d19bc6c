import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import {
  CONNECTION,
  GCC_HIGH_TENANT,
  nameWith,
  stringsOf,
  withinShadow,
} from './support/fixtures.js';
import {
  complianceArgs,
  loadedHost,
  part,
  renderCompliance,
  withAdapter,
  type ComplianceArgs,
} from './support/compliance.js';

/**
 * Every wizard status (loading, load failed, choosing, … disconnect failed) has its own story
 * under **Wizard states**, in English and light, and in French and dark.
 */
const meta: Meta<ComplianceArgs> = {
  title: 'Elements/azure-device-compliance',
  component: 'azure-device-compliance',
  args: complianceArgs(),
  loaders: withAdapter(),
  parameters: {
    // The consent and disconnect steps open modal dialogs: one frame per story in the docs, tall
    // enough for the consent dialog.
    docs: { story: { inline: false, height: '42rem' } },
  },
  render: renderCompliance,
};

export default meta;
type Story = StoryObj<ComplianceArgs>;

/** Nothing connected yet, on a fresh in-memory backend. */
export const Default: Story = {};

/** A tenant is already connected: status, Edit account, Disconnect account. */
export const Connected: Story = {
  loaders: withAdapter({ connection: CONNECTION }),
};

/**
 * Connected on a backend that reports health: what Intune sees, with Check now. The tenant was
 * entered as a domain, so its GUID shows too.
 */
export const ConnectedWithHealth: Story = {
  name: 'Connected, with health',
  parameters: { docs: { story: { height: '48rem' } } },
  loaders: withAdapter({
    connection: { ...CONNECTION, tenantGuid: '6f1d2c3b-4a59-4e8d-9c7b-1a2b3c4d5e6f' },
    health: {
      checkedAt: new Date().toISOString(),
      partner: {
        state: 'enabled',
        lastHeartbeatAt: new Date(Date.now() - 12 * 60_000).toISOString(),
        platforms: { ios: true, android: true, macos: false },
        displayName: 'Contoso MDM',
      },
      lastVerification: { at: new Date(Date.now() - 3 * 3_600_000).toISOString(), verified: true },
      heartbeatMaxAgeMinutes: 60,
    },
  }),
};

/** A check found consent withdrawn: "Needs attention" at the top of the status. */
export const NeedsAttention: Story = {
  name: 'Needs attention',
  parameters: { docs: { story: { height: '60rem' } } },
  loaders: withAdapter({
    connection: {
      ...CONNECTION,
      attention: { error: 'consent-missing', since: '2025-03-20T07:45:00.000Z' },
    },
    verification: { verified: false, error: 'consent-missing', aadsts: 'AADSTS7000229' },
    health: {
      checkedAt: new Date().toISOString(),
      partner: null,
      partnerProblem: 'consent-missing',
      lastVerification: {
        at: '2025-03-20T07:45:00.000Z',
        verified: false,
        error: 'consent-missing',
        aadsts: 'AADSTS7000229',
      },
      heartbeatMaxAgeMinutes: 60,
    },
  }),
};

export const French: Story = {
  globals: { lang: 'fr' },
};

export const Dark: Story = {
  loaders: withAdapter({ connection: CONNECTION }),
  globals: { theme: 'dark' },
};

/**
 * The whole flow: GCC High, Add, tenant ID, Connect account, consent ticked, Confirm, connected.
 */
export const FullFlow: Story = {
  name: 'Full flow',
  play: async (context) => {
    const { canvasElement, args, step } = context;
    const t = stringsOf(context);
    const host = await loadedHost(canvasElement);

    await step('Pick GCC High and click Add', async () => {
      const picker = withinShadow(await part(host, 'tenant-type-picker'));
      await userEvent.click(picker.getByRole('radio', { name: t.gccHigh }));
      await expect(picker.getByRole('radio', { name: t.gccHigh })).toBeChecked();
      await userEvent.click(picker.getByRole('button', { name: t.addAzureAccount }));
    });

    await step('Type the tenant ID and click Connect account', async () => {
      const form = withinShadow(await part(host, 'azure-connect-form'));
      const tenantId = await form.findByRole('textbox', { name: nameWith(t.tenantId) });
      await userEvent.type(tenantId, GCC_HIGH_TENANT);
      await userEvent.click(form.getByRole('button', { name: t.connectAccount }));
    });

    await step('Give consent and confirm', async () => {
      const dialog = withinShadow(await part(host, 'consent-dialog'));
      const link = await dialog.findByRole('link', { name: nameWith(t.consentLink) });
      await expect(new URL(link.getAttribute('href') ?? '').host).toBe('login.microsoftonline.us');
      await userEvent.click(dialog.getByRole('checkbox', { name: t.consentGiven }));
      await userEvent.click(dialog.getByRole('button', { name: t.confirm }));
    });

    await step('See the connected status', async () => {
      const actions = withinShadow(await part(host, 'connection-actions', 5000));
      const title = await actions.findByRole('heading', { name: nameWith(t.connectedTitle) });
      await expect(title).toBeVisible();
      await expect(actions.getByText(GCC_HIGH_TENANT)).toBeVisible();
      await expect(actions.getByText(t.gccHigh)).toBeVisible();
      // The first load reported no connection; the second change is the connection made.
      await waitFor(() => expect(args.onConnectionChange).toHaveBeenCalledTimes(2));
      await expect(args.onConnectionChange).toHaveBeenLastCalledWith(
        expect.objectContaining({ detail: expect.objectContaining({ reason: 'connected' }) }),
      );
      await waitFor(() => expect(args.onAuditEvent).toHaveBeenCalledOnce());
    });
  },
};
