import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import type { TenantType } from '../src/core/cloud.js';
import type { FieldError, FieldErrors } from '../src/core/connection.js';
import type { KitError } from '../src/core/errors.js';
import type { StringOverrides } from '../src/i18n/index.js';
import {
  CONNECTION,
  GCC_HIGH_TENANT,
  INVALID_VALUES,
  TENANT_ID_ERRORS,
  URL_ERRORS,
  shadowOf,
  stringsOf,
  themeAttribute,
  withinShadow,
  type ElementTheme,
} from './support/fixtures.js';

// Controls and event logging come from custom-elements.json (see .storybook/preview.ts): tenant
// type and mode are radios of their real values, and every event reaches the `on…` arg of its
// name.
interface FormArgs {
  tenantType: TenantType;
  tenantId: string;
  enrollmentUrl: string;
  remediationUrl: string;
  mode: 'add' | 'edit';
  errors: FieldErrors;
  busy: boolean;
  hideCancel: boolean;
  error: KitError | undefined;
  theme: ElementTheme;
  onConnectFormInput: (event: Event) => void;
  onTenantTypeChange: (event: Event) => void;
  onConnectFormSubmit: (event: Event) => void;
  onConnectFormCancel: (event: Event) => void;
}

const renderForm = (args: FormArgs, strings?: StringOverrides) => html`
  <azure-connect-form
    .strings=${strings}
    tenant-type=${args.tenantType}
    tenant-id=${args.tenantId}
    enrollment-url=${args.enrollmentUrl}
    remediation-url=${args.remediationUrl}
    mode=${args.mode}
    .errors=${args.errors}
    .error=${args.error}
    ?busy=${args.busy}
    ?hide-cancel=${args.hideCancel}
    theme=${themeAttribute(args.theme)}
  ></azure-connect-form>
`;

const meta: Meta<FormArgs> = {
  title: 'Elements/azure-connect-form',
  component: 'azure-connect-form',
  args: {
    tenantType: 'standard',
    tenantId: '',
    enrollmentUrl: '',
    remediationUrl: '',
    mode: 'add',
    errors: {},
    busy: false,
    hideCancel: false,
    error: undefined,
    theme: 'inherit',
    onConnectFormInput: fn(),
    onTenantTypeChange: fn(),
    onConnectFormSubmit: fn(),
    onConnectFormCancel: fn(),
  },
  render: (args) => renderForm(args),
};

export default meta;
type Story = StoryObj<FormArgs>;

export const Empty: Story = {};

/** A valid tenant and pages: Connect account sends `connect-form-submit` with the input. */
export const Filled: Story = {
  args: {
    tenantId: CONNECTION.tenantId,
    enrollmentUrl: CONNECTION.enrollmentUrl ?? '',
    remediationUrl: CONNECTION.remediationUrl ?? '',
  },
  play: async (context) => {
    const { canvasElement, args } = context;
    const t = stringsOf(context);
    const host = canvasElement.querySelector('azure-connect-form');
    const form = withinShadow(host);
    // The tenant type is the form's first field: a <tenant-type-picker> in its shadow root.
    const types = withinShadow(shadowOf(host).querySelector('tenant-type-picker'));
    await userEvent.click(await types.findByRole('radio', { name: t.gccHigh }));
    await waitFor(() => expect(args.onTenantTypeChange).toHaveBeenCalledOnce());
    await userEvent.click(form.getByRole('button', { name: t.connectAccount }));
    await waitFor(() => expect(args.onConnectFormSubmit).toHaveBeenCalledOnce());
  },
};

/**
 * One error on each field, as the form sets them on submit (a host may set `errors` too). Edit
 * `errors` in the controls to try other codes; "Every error code" shows them all.
 */
export const Errors: Story = {
  args: {
    tenantId: INVALID_VALUES['tenant-multi'],
    enrollmentUrl: INVALID_VALUES['url-not-https'],
    remediationUrl: INVALID_VALUES['url-credentials'],
    errors: {
      tenantId: 'tenant-multi',
      enrollmentUrl: 'url-not-https',
      remediationUrl: 'url-credentials',
    },
  },
};

/** Each field error code once, with a value that the validation refuses with that code. */
export const EveryErrorCode: Story = {
  name: 'Every error code',
  parameters: { controls: { disable: true } },
  render: (args) => {
    const forms = TENANT_ID_ERRORS.map((tenantError, index) => {
      const urlError: FieldError | undefined = URL_ERRORS[index];
      const errors: FieldErrors = urlError
        ? { tenantId: tenantError, enrollmentUrl: urlError }
        : { tenantId: tenantError };
      // Each form is a landmark named by its title: give each its own title.
      const codes = urlError ? `${tenantError}, ${urlError}` : tenantError;
      return renderForm(
        {
          ...args,
          tenantId: INVALID_VALUES[tenantError],
          enrollmentUrl: urlError ? INVALID_VALUES[urlError] : '',
          errors,
        },
        { connectAccountTitle: `Connect account (${codes})` },
      );
    });
    return html`<div style="display: grid; gap: 2rem;">${forms}</div>`;
  },
};

export const EditMode: Story = {
  name: 'Edit mode',
  args: {
    mode: 'edit',
    tenantId: CONNECTION.tenantId,
    enrollmentUrl: CONNECTION.enrollmentUrl ?? '',
    remediationUrl: CONNECTION.remediationUrl ?? '',
  },
};

/**
 * Consent or saving in progress: the fields are read-only, the buttons keep their place (and the
 * focus) but do nothing, and the status says "Saving…" while an edit is saved.
 */
export const Busy: Story = {
  args: {
    tenantType: 'gcc-high',
    tenantId: GCC_HIGH_TENANT,
    busy: true,
  },
};

export const SaveFailed: Story = {
  name: 'Save failed',
  args: {
    mode: 'edit',
    tenantId: CONNECTION.tenantId,
    enrollmentUrl: CONNECTION.enrollmentUrl ?? '',
    remediationUrl: 'https://contoso.com/devices/fix-it',
    error: { code: 'conflict', detail: 'The connection changed elsewhere (version 2, edited 1).' },
  },
};

export const French: Story = {
  args: Errors.args,
  globals: { lang: 'fr' },
};

export const Dark: Story = {
  args: Errors.args,
  globals: { theme: 'dark' },
};
