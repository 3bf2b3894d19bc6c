/**
 * The kit's classes, types and helpers, without registering any element
 * (import `azure-compliance-connect/define` for that).
 *
 * Two parts are loaded on demand and so have their own entries: the browser-storage adapter
 * (`azure-compliance-connect/adapter/browser-storage`, the composite's default backend) and the
 * French text (`azure-compliance-connect/i18n/fr`, or `loadCatalog('fr')`). Exporting them here
 * would put them in every bundle that imports this entry.
 */
export * from './core/index.js';
export * from './adapter/adapter.js';
export type {
  BrowserStorageAdapter,
  BrowserStorageCorruptError,
  BrowserStorageAdapterOptions,
  BrowserStorageCorruption,
  BrowserStoragePart,
} from './adapter/browser-storage-adapter.js';
export * from './events.js';
export * from './audit/outbox.js';
export {
  CONSENT_CHANNEL,
  consentChannelName,
  isConsentCallbackMessage,
  type ConsentCallbackMessage,
} from './callback/protocol.js';
export { wizardContext, type WizardContextValue } from './context.js';
export {
  WizardController,
  verificationError,
  type WizardControllerOptions,
} from './controller/wizard-controller.js';
export {
  HealthController,
  type HealthCheckResult,
  type HealthControllerOptions,
  type HealthStatus,
} from './controller/health-controller.js';
export {
  en,
  catalogFor,
  loadCatalog,
  resolveStrings,
  format,
  type Strings,
  type StringOverrides,
} from './i18n/index.js';
export { TenantTypePicker } from './elements/tenant-type-picker/tenant-type-picker.js';
export { AzureConnectForm } from './elements/azure-connect-form/azure-connect-form.js';
export { ConsentDialog } from './elements/consent-dialog/consent-dialog.js';
export { ConnectionActions } from './elements/connection-actions/connection-actions.js';
export { ConnectionHealthPanel } from './elements/connection-health/connection-health.js';
export { AzureDeviceCompliance } from './elements/azure-device-compliance/azure-device-compliance.js';
