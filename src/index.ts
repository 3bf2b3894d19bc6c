/**
 * The kit's classes, types and helpers, without registering any element
 * (import `azure-compliance-connect/define` for that).
 */
export * from './core/index.js';
export * from './adapter/adapter.js';
export {
  BrowserStorageAdapter,
  BrowserStorageCorruptError,
  type BrowserStorageAdapterOptions,
  type BrowserStorageCorruption,
  type BrowserStoragePart,
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
  fr,
  catalogFor,
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
