import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import type { ConnectionAdapter } from '../src/adapter/adapter.js';
import { en } from '../src/i18n/en.js';
import {
  ACTOR,
  CLIENT_ID,
  CONNECTION,
  GCC_HIGH_TENANT,
  INVALID_VALUES,
  REDIRECT_URI,
  shadowOf,
  withinShadow,
} from './support/fixtures.js';
import { MemoryAdapter, type MemoryAdapterOptions } from './support/memory-adapter.js';

interface ComplianceArgs {
  clientId: string;
  redirectUri: string;
  actor: string;
  timeoutMs: number;
  onConnectionChange: (event: Event) => void;
  onWizardStateChange: (event: Event) => void;
  onAuditEvent: (event: Event) => void;
}

/** A loader that gives the story a fresh in-memory backend, so no story sees another's data. */
const withAdapter = (options: MemoryAdapterOptions = {}) => [
  async () => ({ adapter: new MemoryAdapter(options) }),
];

function isAdapter(value: unknown): value is ConnectionAdapter {
  return value instanceof MemoryAdapter;
}

const meta: Meta<ComplianceArgs> = {
  title: 'Elements/azure-device-compliance',
  component: 'azure-device-compliance',
  args: {
    clientId: CLIENT_ID,
    redirectUri: REDIRECT_URI,
    actor: ACTOR,
    timeoutMs: 15_000,
    onConnectionChange: fn(),
    onWizardStateChange: fn(),
    onAuditEvent: fn(),
  },
  loaders: withAdapter(),
  parameters: {
    // The consent and disconnect steps open modal dialogs: one frame per story in the docs.
    docs: { story: { inline: false, height: '48rem' } },
  },
  render: (args, { loaded }) => {
    const adapter: unknown = loaded['adapter'];
    return html`
      <azure-device-compliance
        .adapter=${isAdapter(adapter) ? adapter : undefined}
        client-id=${args.clientId}
        redirect-uri=${args.redirectUri}
        actor=${args.actor}
        timeout-ms=${args.timeoutMs}
        @connection-change=${args.onConnectionChange}
        @wizard-state-change=${args.onWizardStateChange}
        @audit-event=${args.onAuditEvent}
      ></azure-device-compliance>
    `;
  },
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

/** The backend could not be reached: the error and a Retry. */
export const LoadFailure: Story = {
  name: 'Load failure',
  loaders: withAdapter({ fail: { loadConnection: 'network' } }),
};

export const French: Story = {
  globals: { lang: 'fr' },
};

export const Dark: Story = {
  loaders: withAdapter({ connection: CONNECTION }),
  globals: { theme: 'dark' },
};

/** The composite and its shadow root, once the connection has loaded. */
async function loadedHost(canvasElement: HTMLElement): Promise<Element> {
  const host = canvasElement.querySelector('azure-device-compliance');
  await waitFor(() => expect(shadowOf(host).querySelector('[role="status"]')).toBeNull());
  if (!host) throw new Error('azure-device-compliance is not rendered.');
  return host;
}

/** The element `tag` inside the composite, once it is rendered. */
async function part(host: Element, tag: string, timeout = 1000): Promise<Element> {
  return waitFor(
    () => {
      const element = shadowOf(host).querySelector(tag);
      if (!element) throw new Error(`<${tag}> is not rendered yet.`);
      return element;
    },
    { timeout },
  );
}

/**
 * The whole flow: GCC High, Add, tenant ID, Connect account, consent ticked, Confirm, connected.
 */
export const FullFlow: Story = {
  name: 'Full flow',
  play: async ({ canvasElement, args, step }) => {
    const host = await loadedHost(canvasElement);

    await step('Pick GCC High and click Add', async () => {
      const picker = withinShadow(await part(host, 'tenant-type-picker'));
      await userEvent.click(picker.getByRole('radio', { name: 'GCC High' }));
      await expect(picker.getByRole('radio', { name: 'GCC High' })).toBeChecked();
      await userEvent.click(picker.getByRole('button', { name: 'Add Azure account' }));
    });

    await step('Type the tenant ID and click Connect account', async () => {
      const form = withinShadow(await part(host, 'azure-connect-form'));
      const tenantId = await form.findByRole('textbox', { name: /Azure tenant ID/ });
      await userEvent.type(tenantId, GCC_HIGH_TENANT);
      await userEvent.click(form.getByRole('button', { name: 'Connect account' }));
    });

    await step('Give consent and confirm', async () => {
      const dialog = withinShadow(await part(host, 'consent-dialog'));
      const link = await dialog.findByRole('link', { name: /Microsoft admin consent/ });
      await expect(new URL(link.getAttribute('href') ?? '').host).toBe('login.microsoftonline.us');
      await userEvent.click(dialog.getByRole('checkbox', { name: 'I have given my consent' }));
      await userEvent.click(dialog.getByRole('button', { name: 'Confirm' }));
    });

    await step('See the connected status', async () => {
      const actions = withinShadow(await part(host, 'connection-actions', 5000));
      await expect(await actions.findByRole('heading', { name: /Connected/ })).toBeVisible();
      await expect(actions.getByText(GCC_HIGH_TENANT)).toBeVisible();
      await expect(actions.getByText('GCC High')).toBeVisible();
      await waitFor(() => expect(args.onConnectionChange).toHaveBeenCalledOnce());
      await waitFor(() => expect(args.onAuditEvent).toHaveBeenCalledOnce());
    });
  },
};

/** What the admin sees after submitting a multi-tenant alias and an http:// page. */
export const InvalidInput: Story = {
  name: 'Invalid input',
  play: async ({ canvasElement, step }) => {
    const host = await loadedHost(canvasElement);

    await step('Click Add', async () => {
      const picker = withinShadow(await part(host, 'tenant-type-picker'));
      await userEvent.click(picker.getByRole('button', { name: 'Add Azure account' }));
    });

    const formHost = await part(host, 'azure-connect-form');
    const form = withinShadow(formHost);
    await step('Type invalid values and submit', async () => {
      const tenantId = await form.findByRole('textbox', { name: /Azure tenant ID/ });
      await userEvent.type(tenantId, INVALID_VALUES['tenant-multi']);
      const enrollment = form.getByRole('textbox', { name: /Enrollment URL/ });
      await userEvent.type(enrollment, INVALID_VALUES['url-not-https']);
      await userEvent.click(form.getByRole('button', { name: 'Connect account' }));
    });

    await step('Each error is shown on its field; the first invalid field has focus', async () => {
      await expect(await form.findByText(en.fieldErrors['tenant-multi'])).toBeVisible();
      await expect(form.getByText(en.fieldErrors['url-not-https'])).toBeVisible();
      const tenantId = form.getByRole('textbox', { name: /Azure tenant ID/ });
      await expect(tenantId).toHaveAttribute('aria-invalid', 'true');
      // Focus inside a shadow root shows as the root's activeElement, not the document's.
      await waitFor(() => expect(shadowOf(formHost).activeElement).toBe(tenantId));
      await expect(form.getByRole('textbox', { name: /Remediation URL/ })).toHaveAttribute(
        'aria-invalid',
        'false',
      );
      await expect(shadowOf(host).querySelector('consent-dialog[open]')).toBeNull();
    });
  },
};
