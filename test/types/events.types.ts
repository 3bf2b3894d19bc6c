/**
 * Type test: compiled by `npm run typecheck`, never run. Each listener below must type-check
 * without casts, and each `@ts-expect-error` line must be an error.
 */
import type { TenantType } from '../../src/core/cloud.js';
import type { Connection, ConnectionInput, DraftField } from '../../src/core/connection.js';
import type { AuditEvent } from '../../src/core/audit.js';
import type { WizardState } from '../../src/core/machine.js';
import type {
  AzureConnectForm,
  AzureDeviceCompliance,
  ConnectionActions,
  ConnectionHealthPanel,
  ConsentDialog,
  TenantTypePicker,
} from '../../src/index.js';
import '../../src/define/index.js';

declare const picker: TenantTypePicker;
declare const form: AzureConnectForm;
declare const dialog: ConsentDialog;
declare const actions: ConnectionActions;
declare const composite: AzureDeviceCompliance;
declare const health: ConnectionHealthPanel;

picker.addEventListener('tenant-type-change', (event) => {
  const type: TenantType = event.detail.tenantType;
  void type;
});
picker.addEventListener('tenant-type-add', (event) => {
  const type: TenantType = event.detail.tenantType;
  void type;
});
form.addEventListener('connect-form-input', (event) => {
  const field: DraftField = event.detail.field;
  const value: string = event.detail.value;
  const tenantId: string = event.detail.draft.tenantId;
  void [field, value, tenantId];
});
form.addEventListener('connect-form-submit', (event) => {
  const input: ConnectionInput = event.detail.input;
  void input;
});
dialog.addEventListener('consent-change', (event) => {
  const given: boolean = event.detail.given;
  void given;
});
dialog.addEventListener('consent-link-copy', (event) => {
  const url: string = event.detail.url;
  const copied: boolean = event.detail.copied;
  void [url, copied];
});
actions.addEventListener('disconnect-request', (event) => {
  const reconnect: boolean = event.detail.reconnect;
  if (!reconnect) event.preventDefault();
});
health.addEventListener('health-check', (event) => {
  const detail: Record<string, never> = event.detail;
  if (event.cancelable) event.preventDefault();
  void detail;
});
health.addEventListener('reconnect-request', (event) => {
  const detail: Record<string, never> = event.detail;
  void detail;
});
composite.addEventListener('health-check', (event) => event.preventDefault());
composite.addEventListener('connection-change', (event) => {
  const connection: Connection | null = event.detail.connection;
  void connection;
});
composite.addEventListener('wizard-state-change', (event) => {
  const state: WizardState = event.detail.state;
  void state;
});
composite.addEventListener('audit-event', (event) => {
  const audit: AuditEvent = event.detail.event;
  void audit;
});

// Tag names map to the classes.
const created: ConsentDialog = document.createElement('consent-dialog');
void created;
const panel: ConnectionHealthPanel = document.createElement('azure-connection-health');
void panel;

picker.addEventListener('tenant-type-change', (event) => {
  // @ts-expect-error tenantType is a TenantType, not a number
  const wrong: number = event.detail.tenantType;
  void wrong;
});
composite.addEventListener('audit-event', (event) => {
  // @ts-expect-error the detail has no `connection`
  void event.detail.connection;
});
health.addEventListener('reconnect-request', (event) => {
  // @ts-expect-error the detail is empty: it carries no `reconnect`
  const wrong: { reconnect: boolean } = event.detail;
  void wrong;
});
