// JSX types (React 19 and other JSX), generated from custom-elements.json by `npm run manifest`: do not edit.
import type { KitEventDetails } from '../dist/index.js';
import type {
  AzureConnectForm,
  AzureDeviceCompliance,
  ConnectionActions,
  ConnectionHealthPanel,
  ConsentDialog,
  TenantTypePicker,
} from '../dist/index.js';

/**
 * This type can be used to create scoped tags for your components.
 *
 * Usage:
 *
 * ```ts
 * import type { ScopedElements } from "path/to/library/jsx-integration";
 *
 * declare module "my-library" {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends ScopedElements<'test-', ''> {}
 *   }
 * }
 * ```
 *
 */
export type ScopedElements<Prefix extends string = '', Suffix extends string = ''> = {
  [Key in keyof CustomElements as `${Prefix}${Key}${Suffix}`]: CustomElements[Key];
};

type BaseProps = {
  /** Content added between the opening and closing tags of the element */
  children?: any;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  class?: string;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  className?: string;
  /** Takes an object where the key is the class name(s) and the value is a boolean expression. When true, the class is applied, and when false, it is removed. */
  classList?: Record<string, boolean | undefined>;
  /** Specifies the text direction of the element. */
  dir?: 'ltr' | 'rtl';
  /** Contains a space-separated list of the part names of the element that should be exposed on the host element. */
  exportparts?: string;
  /** For <label> and <output>, lets you associate the label with some control. */
  htmlFor?: string;
  /** Specifies whether the element should be hidden. */
  hidden?: boolean | string;
  /** A unique identifier for the element. */
  id?: string;
  /** Keys tell React which array item each component corresponds to */
  key?: string | number;
  /** Specifies the language of the element. */
  lang?: string;
  /** Contains a space-separated list of the part names of the element. Part names allows CSS to select and style specific elements in a shadow tree via the ::part pseudo-element. */
  part?: string;
  /** Use the ref attribute with a variable to assign a DOM element to the variable once the element is rendered. */
  ref?: unknown | ((e: unknown) => void);
  /** Adds a reference for a custom element slot */
  slot?: string;
  /** Prop for setting inline styles */
  style?: Record<string, string | number>;
  /** Overrides the default Tab button behavior. Avoid using values other than -1 and 0. */
  tabIndex?: number;
  /** Specifies the tooltip text for the element. */
  title?: string;
  /** Passing 'no' excludes the element content from being translated. */
  translate?: 'yes' | 'no';
};

type BaseEvents = {};

export type AzureConnectFormProps = {
  /** Tenant type the connection is for (shown, and sent with the input). */
  'tenant-type'?: AzureConnectForm['tenantType'];
  /** The Azure tenant ID as typed. */
  'tenant-id'?: AzureConnectForm['tenantId'];
  /** The optional enrollment page, as typed. */
  'enrollment-url'?: AzureConnectForm['enrollmentUrl'];
  /** The optional remediation page, as typed. */
  'remediation-url'?: AzureConnectForm['remediationUrl'];
  /** `add` shows "Connect account"; `edit` shows "Edit account" and "Save changes". */
  mode?: AzureConnectForm['mode'];
  /** Work is in progress (consent or saving): the fields are read-only and the buttons wait. In
`edit` mode (outside a consent round trip) the form says "Saving…". */
  busy?: AzureConnectForm['busy'];
  /** Hides the Cancel button. */
  'hide-cancel'?: AzureConnectForm['hideCancel'];
  /** `light` or `dark` forces that colour scheme on the element; without it the element follows the inherited `color-scheme` (the console's light or dark mode). */
  theme?: 'light' | 'dark';
  /** Errors per field, as codes. Set by the form on submit, or by the host. */
  errors?: AzureConnectForm['errors'];
  /** A failed save, shown above the buttons; the submit button is the retry. */
  error?: AzureConnectForm['error'];
  /** Partial overrides of the built-in English or French strings. */
  strings?: AzureConnectForm['strings'];
  /** A field changed. `detail: { field, value, draft }`. */
  'onconnect-form-input'?: (e: CustomEvent<KitEventDetails['connect-form-input']>) => void;
  /** The admin chose another tenant type in the form. `detail.tenantType`. */
  'ontenant-type-change'?: (e: CustomEvent<KitEventDetails['tenant-type-change']>) => void;
  /** Every field is valid. `detail.input` is normalised (lower-case tenant, parsed URLs). */
  'onconnect-form-submit'?: (e: CustomEvent<KitEventDetails['connect-form-submit']>) => void;
  /** Cancel was clicked. */
  'onconnect-form-cancel'?: (e: CustomEvent<KitEventDetails['connect-form-cancel']>) => void;
};

export type AzureDeviceComplianceProps = {
  /** The application (client) ID registered in the chosen cloud; used in the consent link. */
  'client-id'?: AzureDeviceCompliance['clientId'];
  /** Where Microsoft sends the admin back; must match the app registration exactly. Default: this page. */
  'redirect-uri'?: AzureDeviceCompliance['redirectUri'];
  /** Who is acting, for the audit log (e.g. the console user's e-mail). */
  actor?: AzureDeviceCompliance['actor'];
  /** Prefix of what the element keeps in the browser: the draft (sessionStorage, survives a
reload), the consent-attempt ledger (localStorage, shared by tabs), the audit outbox
(IndexedDB) and the channel that keeps tabs in step. Give each console on an origin its own. */
  'storage-key'?: AzureDeviceCompliance['storageKey'];
  /** Milliseconds before an adapter call fails with a timeout. */
  'timeout-ms'?: AzureDeviceCompliance['timeoutMs'];
  /** `light` or `dark` forces that colour scheme on the element; without it the element follows the inherited `color-scheme` (the console's light or dark mode). */
  theme?: 'light' | 'dark';
  /** The backend. Defaults to the embedded browser-storage adapter. */
  adapter?: AzureDeviceCompliance['adapter'];
  /** Partial overrides of the built-in English or French strings. */
  strings?: AzureDeviceCompliance['strings'];
  /** The connection to show: after every load (`reason: 'loaded'`, also with none) and on every change (`connected`, `edited`, `disconnected`, `refreshed`). `detail: { connection, reason }`. */
  'onconnection-change'?: (e: CustomEvent<KitEventDetails['connection-change']>) => void;
  /** The wizard's state changed (a new status, an error, a new connection; not the echo of typing). `detail: { state, previous, reason }`, `reason` being the wizard event. */
  'onwizard-state-change'?: (e: CustomEvent<KitEventDetails['wizard-state-change']>) => void;
  /** An audit event reached the adapter. `detail.event`. */
  'onaudit-event'?: (e: CustomEvent<KitEventDetails['audit-event']>) => void;
  /** A row of the audit outbox was not a valid event (it fails the schema, or is over 16 KiB) and was set aside instead of sent; later events are still delivered. `detail.reason` (`invalid` or `too-large`), `detail.count` (as `auditSetAsideCount`). */
  'onaudit-set-aside'?: (e: CustomEvent<KitEventDetails['audit-set-aside']>) => void;
  /** Disconnect (or reconnect) was clicked; cancelable: `preventDefault()` stops it before the confirmation opens. `detail.reconnect`. */
  'ondisconnect-request'?: (e: CustomEvent<KitEventDetails['disconnect-request']>) => void;
  /** Check now was clicked; cancelable: `preventDefault()` and no check runs. */
  'onhealth-check'?: (e: CustomEvent<KitEventDetails['health-check']>) => void;
};

export type ConnectionActionsProps = {
  /** Disconnecting is in progress. */
  busy?: ConnectionActions['busy'];
  /** Hides the macOS note and its reconnect action. */
  'hide-reconnect'?: ConnectionActions['hideReconnect'];
  /** `light` or `dark` forces that colour scheme on the element; without it the element follows the inherited `color-scheme` (the console's light or dark mode). */
  theme?: 'light' | 'dark';
  /** The connected tenant. Nothing is shown without one. */
  connection?: ConnectionActions['connection'];
  /** Why the last disconnect failed; the button that started it is the retry. */
  error?: ConnectionActions['error'];
  /** Partial overrides of the built-in English or French strings. */
  strings?: ConnectionActions['strings'];
  /** Edit account was clicked. */
  'onconnection-edit'?: (e: CustomEvent<KitEventDetails['connection-edit']>) => void;
  /** Disconnect (or reconnect) was clicked; cancelable. `detail.reconnect`. */
  'ondisconnect-request'?: (e: CustomEvent<KitEventDetails['disconnect-request']>) => void;
  /** The admin confirmed in the dialog. `detail.reconnect`. */
  'ondisconnect-confirm'?: (e: CustomEvent<KitEventDetails['disconnect-confirm']>) => void;
};

export type ConnectionHealthPanelProps = {
  /** `unsupported` (the backend reports no health), `loading`, `ready` (shows `health`) or
`failed` (shows `error` with Retry). */
  status?: ConnectionHealthPanel['status'];
  /** A Check now is running: the button stays focusable but does nothing, and it is announced. */
  checking?: ConnectionHealthPanel['checking'];
  /** `light` or `dark` forces that colour scheme on the element; without it the element follows the inherited `color-scheme` (the console's light or dark mode). */
  theme?: 'light' | 'dark';
  /** What Intune reports, as the adapter's `loadHealth` returned it. */
  health?: ConnectionHealthPanel['health'];
  /** Why health could not be loaded (`status` is `failed`). */
  error?: ConnectionHealthPanel['error'];
  /** The outcome of the last Check now, announced when it arrives. */
  checkResult?: ConnectionHealthPanel['checkResult'];
  /** The time to measure ages against. Default: the current time (for tests and stories). */
  now?: ConnectionHealthPanel['now'];
  /** Partial overrides of the built-in English or French strings. */
  strings?: ConnectionHealthPanel['strings'];
  /** Check now was clicked; cancelable: `preventDefault()` and no check runs. */
  'onhealth-check'?: (e: CustomEvent<KitEventDetails['health-check']>) => void;
  /** "Reconnect to add macOS" was clicked (macOS is not onboarded). */
  'onreconnect-request'?: (e: CustomEvent<KitEventDetails['reconnect-request']>) => void;
  /** Retry was clicked after health could not be loaded. */
  'onkit-retry'?: (e: CustomEvent<KitEventDetails['kit-retry']>) => void;
};

export type ConsentDialogProps = {
  /** Shows the dialog as a modal. */
  open?: ConsentDialog['open'];
  /** Microsoft's admin-consent link. Rendered only if it points at the tenant type's sign-in host. */
  'consent-url'?: ConsentDialog['consentUrl'];
  /** The tenant type the link is for. */
  'tenant-type'?: ConsentDialog['tenantType'];
  /** The tenant being connected, shown in the introduction. */
  'tenant-id'?: ConsentDialog['tenantId'];
  /** "I have given my consent" is ticked. */
  'consent-given'?: ConsentDialog['consentGiven'];
  /** Consent is being verified: Confirm, Cancel, the close button and the checkbox wait. */
  busy?: ConsentDialog['busy'];
  /** `light` or `dark` forces that colour scheme on the element; without it the element follows the inherited `color-scheme` (the console's light or dark mode). */
  theme?: 'light' | 'dark';
  /** Why the last verification failed; Confirm retries. */
  error?: ConsentDialog['error'];
  /** Partial overrides of the built-in English or French strings. */
  strings?: ConsentDialog['strings'];
  /** The consent box was ticked or unticked. `detail.given`. */
  'onconsent-change'?: (e: CustomEvent<KitEventDetails['consent-change']>) => void;
  /** Confirm was clicked (also to retry after a failure). */
  'onconsent-confirm'?: (e: CustomEvent<KitEventDetails['consent-confirm']>) => void;
  /** The dialog was closed without confirming (Cancel, the close button or Escape). */
  'onconsent-cancel'?: (e: CustomEvent<KitEventDetails['consent-cancel']>) => void;
  /** Copy link was clicked. `detail: { url, copied }`. */
  'onconsent-link-copy'?: (e: CustomEvent<KitEventDetails['consent-link-copy']>) => void;
};

export type TenantTypePickerProps = {
  /** The chosen tenant type: `standard` or `gcc-high`. As with native inputs, the `value`
attribute is the default that `form.reset()` restores; the property is the current choice. */
  value?: TenantTypePicker['value'];
  /** Name under which the value is submitted with a form. */
  name?: TenantTypePicker['name'];
  /** Disables the radios and the Add button. */
  disabled?: TenantTypePicker['disabled'];
  /** Hides the Add button (when the picker is used as a plain form field). */
  'hide-add'?: TenantTypePicker['hideAdd'];
  /** `light` or `dark` forces that colour scheme on the element; without it the element follows the inherited `color-scheme` (the console's light or dark mode). */
  theme?: 'light' | 'dark';
  /** Partial overrides of the built-in English or French strings. */
  strings?: TenantTypePicker['strings'];
  /** Native-style change event, for form libraries. */
  onchange?: (e: Event) => void;
  /** The admin chose a tenant type. `detail.tenantType`. */
  'ontenant-type-change'?: (e: CustomEvent<KitEventDetails['tenant-type-change']>) => void;
  /** The admin clicked Add. `detail.tenantType`. */
  'ontenant-type-add'?: (e: CustomEvent<KitEventDetails['tenant-type-add']>) => void;
};

export type CustomElements = {
  /**
   * Tenant type, tenant ID and optional HTTPS URLs, validated inline.
   * ---
   *
   *
   * ### **Events:**
   *  - **connect-form-input** - A field changed. `detail: { field, value, draft }`.
   * - **tenant-type-change** - The admin chose another tenant type in the form. `detail.tenantType`.
   * - **connect-form-submit** - Every field is valid. `detail.input` is normalised (lower-case tenant, parsed URLs).
   * - **connect-form-cancel** - Cancel was clicked.
   *
   * ### **Methods:**
   *  - **checkValidity(): _boolean_** - Validates every field, shows the errors and focuses the first invalid one.
   * Returns true when the form can be submitted.
   * - **focus(options: _FocusOptions_): _void_** - Focuses the tenant ID, with the caret at the end of what it holds (nothing selected, so a
   * key press cannot replace it); after a failed save, the button that acts on it.
   *
   * ### **CSS Properties:**
   *  - **--azure-connect-form-max-width** - Maximum width of the form (default 40rem).
   * - **--acc-font-family** - Font of the kit (default: inherited from the console).
   * - **--acc-color-text** - Text colour.
   * - **--acc-color-muted** - Secondary text (help, hints), disabled buttons.
   * - **--acc-color-surface** - Background of fields, panels and dialogs.
   * - **--acc-color-raised** - Background of highlighted notes.
   * - **--acc-color-border** - Borders of fields, panels and buttons.
   * - **--acc-color-accent** - Primary buttons, links and checked controls.
   * - **--acc-color-on-accent** - Text on the accent colour.
   * - **--acc-color-danger** - Error text and borders, the outlined Disconnect button.
   * - **--acc-color-danger-strong** - The filled destructive button of a confirmation.
   * - **--acc-color-on-danger** - Text on the strong danger colour (default: white).
   * - **--acc-color-danger-surface** - Background of error boxes.
   * - **--acc-color-success** - The connected status.
   * - **--acc-color-focus** - The focus ring.
   * - **--acc-radius** - Corner radius.
   * - **--acc-space** - Base spacing.
   * - **--acc-shadow-dialog** - Shadow of every dialog.
   * - **--acc-dialog-backdrop** - Backdrop of every dialog.
   *
   * ### **CSS Parts:**
   *  - **form** - The form.
   * - **heading** - The form's title.
   * - **tenant-type** - The `<tenant-type-picker>` inside the form.
   * - **tenant-type-fieldset** - The picker's `fieldset`.
   * - **tenant-type-legend** - The picker's `legend`.
   * - **tenant-type-option** - The picker's `option`.
   * - **field** - One label, input, help text and error.
   * - **input** - Each text input.
   * - **error** - A field's error message.
   * - **status** - The status line ("Saving…" while an edit is saved).
   * - **submit-button** - "Connect account" or "Save changes" (also the retry after a failure).
   * - **cancel-button** - Cancel.
   * - **alert** - The message shown when saving (or connecting) failed.
   */
  'azure-connect-form': Partial<AzureConnectFormProps & BaseProps & BaseEvents>;

  /**
   * The complete Azure tenant connection flow, on one adapter.
   * ---
   *
   *
   * ### **Events:**
   *  - **connection-change** - The connection to show: after every load (`reason: 'loaded'`, also with none) and on every change (`connected`, `edited`, `disconnected`, `refreshed`). `detail: { connection, reason }`.
   * - **wizard-state-change** - The wizard's state changed (a new status, an error, a new connection; not the echo of typing). `detail: { state, previous, reason }`, `reason` being the wizard event.
   * - **audit-event** - An audit event reached the adapter. `detail.event`.
   * - **audit-set-aside** - A row of the audit outbox was not a valid event (it fails the schema, or is over 16 KiB) and was set aside instead of sent; later events are still delivered. `detail.reason` (`invalid` or `too-large`), `detail.count` (as `auditSetAsideCount`).
   * - **disconnect-request** - Disconnect (or reconnect) was clicked; cancelable: `preventDefault()` stops it before the confirmation opens. `detail.reconnect`.
   * - **health-check** - Check now was clicked; cancelable: `preventDefault()` and no check runs.
   *
   * ### **Methods:**
   *  - **resetEmbeddedStore(): _boolean_** - Erases the embedded adapter's stored connection and audit log and loads again, as
   * confirming "Reset the embedded store" does, without asking. Does nothing and returns false
   * unless `embeddedStoreCorruption` is not empty.
   * - **send(event: _WizardEvent_): _boolean_** - Sends the wizard an event; returns false when it was refused in the current state.
   *
   * ### **Slots:**
   *  - **consent-extra** - Extra content inside the Azure client validation dialog, for instance a link to the console's own help. The dialog is modal, so content outside it cannot be reached while it is open.
   *
   * ### **CSS Properties:**
   *  - **--acc-font-family** - Font of the kit (default: inherited from the console).
   * - **--acc-color-text** - Text colour.
   * - **--acc-color-muted** - Secondary text (help, hints), disabled buttons.
   * - **--acc-color-surface** - Background of fields, panels and dialogs.
   * - **--acc-color-raised** - Background of highlighted notes.
   * - **--acc-color-border** - Borders of fields, panels and buttons.
   * - **--acc-color-accent** - Primary buttons, links and checked controls.
   * - **--acc-color-on-accent** - Text on the accent colour.
   * - **--acc-color-danger** - Error text and borders, the outlined Disconnect button.
   * - **--acc-color-danger-strong** - The filled destructive button of a confirmation.
   * - **--acc-color-on-danger** - Text on the strong danger colour (default: white).
   * - **--acc-color-danger-surface** - Background of error boxes.
   * - **--acc-color-success** - The connected status.
   * - **--acc-color-focus** - The focus ring.
   * - **--acc-radius** - Corner radius.
   * - **--acc-space** - Base spacing.
   * - **--acc-shadow-dialog** - Shadow of every dialog.
   * - **--acc-dialog-backdrop** - Backdrop of every dialog.
   *
   * ### **CSS Parts:**
   *  - **heading** - The section title.
   * - **loading** - The "Loading the connection…" status.
   * - **config-alert** - Shown instead of the flow when `adapter` was given as an attribute: the fix is to set the property.
   * - **load-alert** - The message shown when the connection could not be loaded, with Retry (and Reset) under it.
   * - **retry-button** - Retry, in the load error.
   * - **reset-button** - "Reset the embedded store", in the load error when the embedded adapter's own data is damaged.
   * - **reset-dialog** - The confirmation of "Reset the embedded store".
   * - **reset-title** - The confirmation's title.
   * - **reset-confirm-button** - The confirmation's destructive button ("Erase and start again").
   * - **reset-cancel-button** - The confirmation's Cancel.
   * - **reset-close-button** - The confirmation's close button.
   * - **picker-fieldset** - `<tenant-type-picker>`'s `fieldset` (also inside the form).
   * - **picker-legend** - `<tenant-type-picker>`'s `legend` (also inside the form).
   * - **picker-option** - `<tenant-type-picker>`'s `option` (also inside the form).
   * - **add-button** - `<tenant-type-picker>`'s `add-button` ("Add Azure account").
   * - **form** - `<azure-connect-form>`'s `form`.
   * - **form-heading** - `<azure-connect-form>`'s `heading`.
   * - **field** - `<azure-connect-form>`'s `field`.
   * - **input** - `<azure-connect-form>`'s `input`.
   * - **error** - `<azure-connect-form>`'s `error`.
   * - **form-status** - `<azure-connect-form>`'s `status` ("Saving…").
   * - **submit-button** - `<azure-connect-form>`'s `submit-button`.
   * - **cancel-button** - `<azure-connect-form>`'s `cancel-button`.
   * - **form-alert** - `<azure-connect-form>`'s `alert`.
   * - **dialog** - `<consent-dialog>`'s `dialog`.
   * - **dialog-title** - `<consent-dialog>`'s `title`.
   * - **dialog-close-button** - `<consent-dialog>`'s `close-button`.
   * - **dialog-link-alert** - `<consent-dialog>`'s `link-alert`.
   * - **consent-link** - `<consent-dialog>`'s `consent-link`.
   * - **copy-button** - `<consent-dialog>`'s `copy-button`.
   * - **checkbox** - `<consent-dialog>`'s `checkbox`.
   * - **confirm-button** - `<consent-dialog>`'s `confirm-button`.
   * - **dialog-cancel-button** - `<consent-dialog>`'s `cancel-button`.
   * - **dialog-alert** - `<consent-dialog>`'s `alert`.
   * - **status** - `<connection-actions>`'s `status`.
   * - **details** - `<connection-actions>`'s `details`.
   * - **edit-button** - `<connection-actions>`'s `edit-button`.
   * - **disconnect-button** - `<connection-actions>`'s `disconnect-button`.
   * - **reconnect-button** - `<connection-actions>`'s `reconnect-button`.
   * - **confirm-dialog** - `<connection-actions>`'s `confirm-dialog`.
   * - **confirm-close-button** - `<connection-actions>`'s `close-button`.
   * - **actions-alert** - `<connection-actions>`'s `alert`.
   * - **attention** - `<connection-actions>`'s `attention`.
   * - **health-panel** - `<azure-connection-health>`'s `panel`.
   * - **health-details** - `<azure-connection-health>`'s `details`.
   * - **health-state** - `<azure-connection-health>`'s `state`.
   * - **health-warning** - `<azure-connection-health>`'s `warning`.
   * - **health-platforms** - `<azure-connection-health>`'s `platforms`.
   * - **health-reconnect-button** - `<azure-connection-health>`'s `reconnect-button`.
   * - **check-button** - `<azure-connection-health>`'s `check-button`.
   * - **health-alert** - `<azure-connection-health>`'s `alert`.
   */
  'azure-device-compliance': Partial<AzureDeviceComplianceProps & BaseProps & BaseEvents>;

  /**
   * Connected tenant status with edit, disconnect and reconnect.
   * ---
   *
   *
   * ### **Events:**
   *  - **connection-edit** - Edit account was clicked.
   * - **disconnect-request** - Disconnect (or reconnect) was clicked; cancelable. `detail.reconnect`.
   * - **disconnect-confirm** - The admin confirmed in the dialog. `detail.reconnect`.
   *
   * ### **Methods:**
   *  - **requestReconnect(opener: _HTMLElement | null_): _boolean_** - Opens the disconnect-and-reconnect confirmation, as "Reconnect to add macOS" does: it fires
   * `disconnect-request` (cancelable) first, focuses Cancel, and gives focus back to `opener`
   * when it closes. Returns false when nothing opened (busy, no connection, or the request was
   * cancelled).
   * - **focus(options: _FocusOptions_): _void_** - Moves focus to the status heading (after connecting, for instance).
   *
   * ### **CSS Properties:**
   *  - **--connection-actions-background** - Background of the status section (none by default; add padding through `::part(status)` if you set one).
   * - **--acc-font-family** - Font of the kit (default: inherited from the console).
   * - **--acc-color-text** - Text colour.
   * - **--acc-color-muted** - Secondary text (help, hints), disabled buttons.
   * - **--acc-color-surface** - Background of fields, panels and dialogs.
   * - **--acc-color-raised** - Background of highlighted notes.
   * - **--acc-color-border** - Borders of fields, panels and buttons.
   * - **--acc-color-accent** - Primary buttons, links and checked controls.
   * - **--acc-color-on-accent** - Text on the accent colour.
   * - **--acc-color-danger** - Error text and borders, the outlined Disconnect button.
   * - **--acc-color-danger-strong** - The filled destructive button of a confirmation.
   * - **--acc-color-on-danger** - Text on the strong danger colour (default: white).
   * - **--acc-color-danger-surface** - Background of error boxes.
   * - **--acc-color-success** - The connected status.
   * - **--acc-color-focus** - The focus ring.
   * - **--acc-radius** - Corner radius.
   * - **--acc-space** - Base spacing.
   * - **--acc-shadow-dialog** - Shadow of every dialog.
   * - **--acc-dialog-backdrop** - Backdrop of every dialog.
   *
   * ### **CSS Parts:**
   *  - **status** - The connected status section (no border or padding of its own).
   * - **details** - The list of connection details.
   * - **edit-button** - Edit account (the primary action).
   * - **disconnect-button** - Disconnect account (a destructive secondary action; after a failed disconnect, its retry).
   * - **reconnect-button** - Reconnect to add macOS.
   * - **attention** - The "Needs attention" alert on a connection that a check found broken.
   * - **confirm-dialog** - The disconnect (or reconnect) confirmation dialog.
   * - **close-button** - The confirmation's close button (acts as Cancel).
   * - **alert** - The message shown when disconnecting failed.
   */
  'connection-actions': Partial<ConnectionActionsProps & BaseProps & BaseEvents>;

  /**
   * Intune's view of the connection: partner state, heartbeat, platforms, consent check.
   * ---
   *
   *
   * ### **Events:**
   *  - **health-check** - Check now was clicked; cancelable: `preventDefault()` and no check runs.
   * - **reconnect-request** - "Reconnect to add macOS" was clicked (macOS is not onboarded).
   * - **kit-retry** - Retry was clicked after health could not be loaded.
   *
   * ### **CSS Properties:**
   *  - **--azure-connection-health-background** - Background of the panel (none by default; add padding through `::part(panel)` if you set one).
   * - **--acc-font-family** - Font of the kit (default: inherited from the console).
   * - **--acc-color-text** - Text colour.
   * - **--acc-color-muted** - Secondary text (help, hints), disabled buttons.
   * - **--acc-color-surface** - Background of fields, panels and dialogs.
   * - **--acc-color-raised** - Background of highlighted notes.
   * - **--acc-color-border** - Borders of fields, panels and buttons.
   * - **--acc-color-accent** - Primary buttons, links and checked controls.
   * - **--acc-color-on-accent** - Text on the accent colour.
   * - **--acc-color-danger** - Error text and borders, the outlined Disconnect button.
   * - **--acc-color-danger-strong** - The filled destructive button of a confirmation.
   * - **--acc-color-on-danger** - Text on the strong danger colour (default: white).
   * - **--acc-color-danger-surface** - Background of error boxes.
   * - **--acc-color-success** - The connected status.
   * - **--acc-color-focus** - The focus ring.
   * - **--acc-radius** - Corner radius.
   * - **--acc-space** - Base spacing.
   * - **--acc-shadow-dialog** - Shadow of every dialog.
   * - **--acc-dialog-backdrop** - Backdrop of every dialog.
   *
   * ### **CSS Parts:**
   *  - **panel** - The panel (a section with its heading, a separator above it, no border).
   * - **details** - The list of what Intune reports.
   * - **state** - The partner state, in words.
   * - **warning** - The warning shown when the last heartbeat is too old.
   * - **platforms** - The platforms, each onboarded or not (a list of name and state pairs).
   * - **reconnect-button** - Reconnect to add macOS.
   * - **check-button** - Check now.
   * - **alert** - The message shown when health could not be loaded, with Retry.
   */
  'azure-connection-health': Partial<ConnectionHealthPanelProps & BaseProps & BaseEvents>;

  /**
   * Admin-consent dialog with consent link, copy button and confirmation.
   * ---
   *
   *
   * ### **Events:**
   *  - **consent-change** - The consent box was ticked or unticked. `detail.given`.
   * - **consent-confirm** - Confirm was clicked (also to retry after a failure).
   * - **consent-cancel** - The dialog was closed without confirming (Cancel, the close button or Escape).
   * - **consent-link-copy** - Copy link was clicked. `detail: { url, copied }`.
   *
   * ### **Slots:**
   *  - **extra** - Extra content shown after the steps, for instance a link to the console's own help.
   *
   * ### **CSS Properties:**
   *  - **--consent-dialog-backdrop** - Colour of the backdrop behind the dialog (default: `--acc-dialog-backdrop`).
   * - **--acc-font-family** - Font of the kit (default: inherited from the console).
   * - **--acc-color-text** - Text colour.
   * - **--acc-color-muted** - Secondary text (help, hints), disabled buttons.
   * - **--acc-color-surface** - Background of fields, panels and dialogs.
   * - **--acc-color-raised** - Background of highlighted notes.
   * - **--acc-color-border** - Borders of fields, panels and buttons.
   * - **--acc-color-accent** - Primary buttons, links and checked controls.
   * - **--acc-color-on-accent** - Text on the accent colour.
   * - **--acc-color-danger** - Error text and borders, the outlined Disconnect button.
   * - **--acc-color-danger-strong** - The filled destructive button of a confirmation.
   * - **--acc-color-on-danger** - Text on the strong danger colour (default: white).
   * - **--acc-color-danger-surface** - Background of error boxes.
   * - **--acc-color-success** - The connected status.
   * - **--acc-color-focus** - The focus ring.
   * - **--acc-radius** - Corner radius.
   * - **--acc-space** - Base spacing.
   * - **--acc-shadow-dialog** - Shadow of every dialog.
   * - **--acc-dialog-backdrop** - Backdrop of every dialog.
   *
   * ### **CSS Parts:**
   *  - **dialog** - The native dialog.
   * - **title** - "Azure client validation".
   * - **close-button** - The close button of the header; cancels like Cancel.
   * - **consent-link** - The link to Microsoft's consent page.
   * - **copy-button** - The copy link button.
   * - **link-alert** - The message shown when no valid consent link can be built.
   * - **checkbox** - "I have given my consent".
   * - **confirm-button** - Confirm (also retries after a failure).
   * - **cancel-button** - Cancel.
   * - **alert** - The message shown when verification failed.
   */
  'consent-dialog': Partial<ConsentDialogProps & BaseProps & BaseEvents>;

  /**
   * Tenant type radio group (Standard / GCC High) with an "Add Azure account" button.
   * ---
   *
   *
   * ### **Events:**
   *  - **change** - Native-style change event, for form libraries.
   * - **tenant-type-change** - The admin chose a tenant type. `detail.tenantType`.
   * - **tenant-type-add** - The admin clicked Add. `detail.tenantType`.
   *
   * ### **Methods:**
   *  - **focus(options: _FocusOptions_): _void_** - Moves focus to the checked radio.
   *
   * ### **CSS Properties:**
   *  - **--tenant-type-picker-border-color** - Border of the group.
   * - **--acc-font-family** - Font of the kit (default: inherited from the console).
   * - **--acc-color-text** - Text colour.
   * - **--acc-color-muted** - Secondary text (help, hints), disabled buttons.
   * - **--acc-color-surface** - Background of fields, panels and dialogs.
   * - **--acc-color-raised** - Background of highlighted notes.
   * - **--acc-color-border** - Borders of fields, panels and buttons.
   * - **--acc-color-accent** - Primary buttons, links and checked controls.
   * - **--acc-color-on-accent** - Text on the accent colour.
   * - **--acc-color-danger** - Error text and borders, the outlined Disconnect button.
   * - **--acc-color-danger-strong** - The filled destructive button of a confirmation.
   * - **--acc-color-on-danger** - Text on the strong danger colour (default: white).
   * - **--acc-color-danger-surface** - Background of error boxes.
   * - **--acc-color-success** - The connected status.
   * - **--acc-color-focus** - The focus ring.
   * - **--acc-radius** - Corner radius.
   * - **--acc-space** - Base spacing.
   * - **--acc-shadow-dialog** - Shadow of every dialog.
   * - **--acc-dialog-backdrop** - Backdrop of every dialog.
   *
   * ### **CSS Parts:**
   *  - **fieldset** - The group around the radios.
   * - **legend** - The group's title.
   * - **option** - One radio with its label and hint.
   * - **add-button** - The "Add Azure account" button.
   */
  'tenant-type-picker': Partial<TenantTypePickerProps & BaseProps & BaseEvents>;
};
