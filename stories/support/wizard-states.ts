import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { MAX_TIMEOUT_MS } from '../../src/adapter/adapter.js';
import type { AzureDeviceCompliance } from '../../src/elements/azure-device-compliance/azure-device-compliance.js';
import type { Strings } from '../../src/i18n/en.js';
import {
  CONNECTION,
  INVALID_VALUES,
  STANDARD_TENANT,
  asShown,
  nameWith,
  stringsOf,
  withinShadow,
} from './fixtures.js';
import {
  adapterOf,
  complianceArgs,
  loadedHost,
  part,
  reached,
  renderCompliance,
  withAdapter,
  type ComplianceArgs,
} from './compliance.js';
import type { MemoryAdapterOptions } from './memory-adapter.js';

/**
 * One story per status of the wizard (`src/core/machine.ts`), each reached for real: a loader
 * sets up the story backend (holding a call keeps the wizard in the status that waits for it;
 * failing one shows its error), and the play function drives the composite as an admin would,
 * then checks what the status shows. Two story files use these: English on a light page, and
 * French on a dark one. The play functions read the texts from the story's language catalog.
 */
export const statesMeta: Meta<ComplianceArgs> = {
  component: 'azure-device-compliance',
  args: complianceArgs(),
  render: renderCompliance,
  parameters: {
    // The consent and disconnect steps open modal dialogs: one frame per story in the docs.
    docs: { story: { inline: false, height: '44rem' } },
  },
};

type Story = StoryObj<ComplianceArgs>;

/** Answers at once (the held calls wait until the story is closed). */
const states = (options: MemoryAdapterOptions = {}) => withAdapter({ delayMs: 0, ...options });

/** The remediation page an edit saves. */
const NEW_REMEDIATION_URL = 'https://contoso.com/devices/fix-it';

/** A held call never times out while the story is open. */
const HELD = { timeoutMs: MAX_TIMEOUT_MS };

async function clickAdd(host: Element, t: Strings): Promise<void> {
  const picker = withinShadow(await part(host, 'tenant-type-picker'));
  await userEvent.click(await picker.findByRole('button', { name: t.addAzureAccount }));
}

/** Choosing -> filling: Add, then the tenant ID typed. */
async function fillTenant(host: Element, t: Strings, tenant: string) {
  await clickAdd(host, t);
  const form = withinShadow(await part(host, 'azure-connect-form'));
  const tenantId = await form.findByRole('textbox', { name: nameWith(t.tenantId) });
  await userEvent.type(tenantId, tenant);
  return form;
}

/** Filling -> awaiting consent: a valid tenant, then Connect account. */
async function requestConsent(host: AzureDeviceCompliance, t: Strings) {
  const form = await fillTenant(host, t, STANDARD_TENANT);
  await userEvent.click(form.getByRole('button', { name: t.connectAccount }));
  await reached(host, 'awaiting-consent');
  return withinShadow(await part(host, 'consent-dialog'));
}

/** Awaiting consent -> verifying: the box ticked, then Confirm. */
async function confirmConsent(host: AzureDeviceCompliance, t: Strings) {
  const dialog = await requestConsent(host, t);
  await userEvent.click(dialog.getByRole('checkbox', { name: t.consentGiven }));
  await userEvent.click(dialog.getByRole('button', { name: t.confirm }));
  return dialog;
}

/** Connected -> editing: Edit account, then the remediation page changed (no new consent). */
async function editRemediation(host: AzureDeviceCompliance, t: Strings) {
  const actions = withinShadow(await part(host, 'connection-actions'));
  await userEvent.click(await actions.findByRole('button', { name: t.editAccount }));
  await reached(host, 'editing');
  const form = withinShadow(await part(host, 'azure-connect-form'));
  const remediation = await form.findByRole<HTMLInputElement>('textbox', {
    name: nameWith(t.remediationUrl),
  });
  // Typed over the whole current value (user-event's `clear` does not follow focus into a
  // shadow root).
  await userEvent.type(remediation, NEW_REMEDIATION_URL, {
    initialSelectionStart: 0,
    initialSelectionEnd: remediation.value.length,
  });
  await userEvent.click(form.getByRole('button', { name: t.saveChanges }));
  return form;
}

/** Connected -> disconnecting: Disconnect account, then the confirmation's own button. */
async function disconnect(host: AzureDeviceCompliance, t: Strings) {
  const actionsHost = await part(host, 'connection-actions');
  const actions = withinShadow(actionsHost);
  await userEvent.click(await actions.findByRole('button', { name: t.disconnectAccount }));
  const confirmation = await actions.findByRole('dialog', { name: t.disconnectTitle });
  // The page behind a modal dialog is inert: the confirm button is the dialog's.
  await userEvent.click(within(confirmation).getByRole('button', { name: t.disconnectConfirm }));
  return actions;
}

/** `loading`: the first `loadConnection` is held. */
const loading: Story = {
  args: HELD,
  loaders: states({ hold: ['loadConnection'] }),
  play: async (context) => {
    const { canvasElement } = context;
    const t = stringsOf(context);
    const host = canvasElement.querySelector('azure-device-compliance');
    const view = withinShadow(host);
    await waitFor(() => expect(view.getByRole('status')).toHaveTextContent(asShown(t.loading)));
    await expect(host?.state.status).toBe('loading');
  },
};

/** `load-failed`: `loadConnection` fails (network): the error, with Retry. */
const loadFailed: Story = {
  loaders: states({ fail: { loadConnection: 'network' } }),
  play: async (context) => {
    const { canvasElement } = context;
    const t = stringsOf(context);
    const host = await loadedHost(canvasElement);
    await reached(host, 'load-failed');
    const view = withinShadow(host);
    const alert = await view.findByRole('alert');
    await expect(alert).toHaveTextContent(asShown(t.loadFailedTitle));
    await expect(alert).toHaveTextContent(asShown(t.errors.network));
    await expect(view.getByRole('button', { name: t.retry })).toBeVisible();
  },
};

/** `choosing`: nothing connected; GCC High picked, Add offered. */
const choosing: Story = {
  loaders: states(),
  play: async (context) => {
    const { canvasElement } = context;
    const t = stringsOf(context);
    const host = await loadedHost(canvasElement);
    await reached(host, 'choosing');
    const picker = withinShadow(await part(host, 'tenant-type-picker'));
    await userEvent.click(await picker.findByRole('radio', { name: nameWith(t.gccHigh) }));
    await expect(picker.getByRole('radio', { name: nameWith(t.gccHigh) })).toBeChecked();
    await expect(picker.getByRole('button', { name: t.addAzureAccount })).toBeVisible();
    await expect(host.state).toHaveProperty('draft.tenantType', 'gcc-high');
  },
};

/**
 * `filling`, with errors: a multi-tenant alias and an http:// page submitted. Each error is shown
 * on its field, and the first invalid field has focus.
 */
const fillingWithErrors: Story = {
  loaders: states(),
  play: async (context) => {
    const { canvasElement } = context;
    const t = stringsOf(context);
    const host = await loadedHost(canvasElement);
    const form = await fillTenant(host, t, INVALID_VALUES['tenant-multi']);
    await userEvent.type(
      form.getByRole('textbox', { name: nameWith(t.enrollmentUrl) }),
      INVALID_VALUES['url-not-https'],
    );
    await userEvent.click(form.getByRole('button', { name: t.connectAccount }));

    await reached(host, 'filling');
    await expect(await form.findByText(asShown(t.fieldErrors['tenant-multi']))).toBeVisible();
    await expect(form.getByText(asShown(t.fieldErrors['url-not-https']))).toBeVisible();
    const tenantId = form.getByRole('textbox', { name: nameWith(t.tenantId) });
    await expect(tenantId).toHaveAttribute('aria-invalid', 'true');
    // Focus inside a shadow root shows as the root's activeElement, not the document's.
    const formHost = await part(host, 'azure-connect-form');
    await waitFor(() => expect(formHost.shadowRoot?.activeElement).toBe(tenantId));
    await expect(form.getByRole('textbox', { name: nameWith(t.remediationUrl) })).toHaveAttribute(
      'aria-invalid',
      'false',
    );
    await expect(host.state).toHaveProperty('errors.tenantId', 'tenant-multi');
  },
};

/** `awaiting-consent`: Azure client validation open, consent not given yet. */
const awaitingConsent: Story = {
  loaders: states(),
  play: async (context) => {
    const { canvasElement } = context;
    const t = stringsOf(context);
    const host = await loadedHost(canvasElement);
    const dialog = await requestConsent(host, t);
    await expect(dialog.getByRole('dialog', { name: t.dialogTitle })).toBeVisible();
    const link = dialog.getByRole('link', { name: nameWith(t.consentLink) });
    await expect(new URL(link.getAttribute('href') ?? '').host).toBe('login.microsoftonline.com');
    await expect(dialog.getByRole('checkbox', { name: t.consentGiven })).not.toBeChecked();
    await expect(dialog.getByRole('button', { name: t.confirm })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  },
};

/** `verifying`: consent confirmed, `verifyConsent` held. */
const verifying: Story = {
  args: HELD,
  loaders: states({ hold: ['verifyConsent'] }),
  play: async (context) => {
    const { canvasElement, loaded } = context;
    const t = stringsOf(context);
    const host = await loadedHost(canvasElement);
    const dialog = await confirmConsent(host, t);
    await reached(host, 'verifying');
    await expect(await dialog.findByText(asShown(t.verifying))).toHaveAttribute('role', 'status');
    await expect(dialog.getByRole('button', { name: t.confirm })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await expect(adapterOf(loaded)?.heldCount('verifyConsent')).toBe(1);
  },
};

/** Verification failed: Microsoft found no consent (AADSTS65001); the box stays ticked. */
const verificationFailed: Story = {
  loaders: states({
    verification: { verified: false, error: 'consent-missing', aadsts: 'AADSTS65001' },
  }),
  play: async (context) => {
    const { canvasElement } = context;
    const t = stringsOf(context);
    const host = await loadedHost(canvasElement);
    const dialog = await confirmConsent(host, t);
    await waitFor(() => expect(host.state).toHaveProperty('error.code', 'consent-missing'));
    await reached(host, 'awaiting-consent');
    const alert = await dialog.findByRole('alert');
    await expect(alert).toHaveTextContent(asShown(t.verificationFailedTitle));
    await expect(alert).toHaveTextContent(asShown(t.errors['consent-missing']));
    await expect(dialog.getByRole('checkbox', { name: t.consentGiven })).toBeChecked();
  },
};

/** `connected`: the status, Edit account and Disconnect account. */
const connected: Story = {
  loaders: states({ connection: CONNECTION }),
  play: async (context) => {
    const { canvasElement } = context;
    const t = stringsOf(context);
    const host = await loadedHost(canvasElement);
    await reached(host, 'connected');
    const actions = withinShadow(await part(host, 'connection-actions'));
    await expect(
      await actions.findByRole('heading', { name: nameWith(t.connectedTitle) }),
    ).toBeVisible();
    await expect(actions.getByText(CONNECTION.tenantId)).toBeVisible();
    await expect(actions.getByRole('button', { name: t.editAccount })).toBeVisible();
    await expect(actions.getByRole('button', { name: t.disconnectAccount })).toBeVisible();
  },
};

/** `editing`: Edit account shows the form filled with the connection. */
const editing: Story = {
  loaders: states({ connection: CONNECTION }),
  play: async (context) => {
    const { canvasElement } = context;
    const t = stringsOf(context);
    const host = await loadedHost(canvasElement);
    const actions = withinShadow(await part(host, 'connection-actions'));
    await userEvent.click(await actions.findByRole('button', { name: t.editAccount }));
    await reached(host, 'editing');
    const form = withinShadow(await part(host, 'azure-connect-form'));
    await expect(
      await form.findByRole('heading', { name: nameWith(t.editAccountTitle) }),
    ).toBeVisible();
    await expect(form.getByRole('textbox', { name: nameWith(t.tenantId) })).toHaveValue(
      CONNECTION.tenantId,
    );
    await expect(form.getByRole('button', { name: t.saveChanges })).toBeVisible();
  },
};

/** `saving`: a new remediation page saved, `updateConnection` held. */
const saving: Story = {
  args: HELD,
  loaders: states({ connection: CONNECTION, hold: ['updateConnection'] }),
  play: async (context) => {
    const { canvasElement } = context;
    const t = stringsOf(context);
    const host = await loadedHost(canvasElement);
    const form = await editRemediation(host, t);
    await reached(host, 'saving');
    await expect(await form.findByText(asShown(t.saving))).toHaveAttribute('role', 'status');
  },
};

/** Save conflict: the connection changed elsewhere meanwhile; the edit is kept. */
const saveConflict: Story = {
  loaders: states({ connection: CONNECTION, fail: { updateConnection: 'conflict' } }),
  play: async (context) => {
    const { canvasElement } = context;
    const t = stringsOf(context);
    const host = await loadedHost(canvasElement);
    const form = await editRemediation(host, t);
    await waitFor(() => expect(host.state).toHaveProperty('error.code', 'conflict'));
    await reached(host, 'editing');
    const alert = await form.findByRole('alert');
    await expect(alert).toHaveTextContent(asShown(t.saveFailedTitle));
    await expect(alert).toHaveTextContent(asShown(t.errors.conflict));
    await expect(form.getByRole('textbox', { name: nameWith(t.remediationUrl) })).toHaveValue(
      NEW_REMEDIATION_URL,
    );
  },
};

/** `disconnecting`: the disconnect confirmed, `removeConnection` held. */
const disconnecting: Story = {
  args: HELD,
  loaders: states({ connection: CONNECTION, hold: ['removeConnection'] }),
  play: async (context) => {
    const { canvasElement } = context;
    const t = stringsOf(context);
    const host = await loadedHost(canvasElement);
    const actions = await disconnect(host, t);
    await reached(host, 'disconnecting');
    await expect(await actions.findByText(asShown(t.disconnecting))).toHaveAttribute(
      'role',
      'status',
    );
  },
};

/** Disconnect failed: `removeConnection` fails (network); still connected, with the error. */
const disconnectFailed: Story = {
  loaders: states({ connection: CONNECTION, fail: { removeConnection: 'network' } }),
  play: async (context) => {
    const { canvasElement } = context;
    const t = stringsOf(context);
    const host = await loadedHost(canvasElement);
    const actions = await disconnect(host, t);
    await waitFor(() => expect(host.state).toHaveProperty('error.code', 'network'));
    await reached(host, 'connected');
    const alert = await actions.findByRole('alert');
    await expect(alert).toHaveTextContent(asShown(t.disconnectFailedTitle));
    await expect(alert).toHaveTextContent(asShown(t.errors.network));
  },
};

/** Every status story, by the name the story files export it under. */
export const wizardStates = {
  loading,
  loadFailed,
  choosing,
  fillingWithErrors,
  awaitingConsent,
  verifying,
  verificationFailed,
  connected,
  editing,
  saving,
  saveConflict,
  disconnecting,
  disconnectFailed,
} satisfies Record<string, Story>;
