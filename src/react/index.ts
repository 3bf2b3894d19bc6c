/**
 * React components for the kit's elements (`azure-compliance-connect/react`), for React 18, and
 * for typed props and `on…` handlers in React 19. Each component sets the element's properties
 * (`adapter`, `strings`, `connection`…) as properties and listens to its events.
 *
 * Importing this module registers every element under its default tag name, as
 * `azure-compliance-connect/define` does: each component's module imports its element's
 * registration entry. React itself is a peer dependency, never bundled.
 */
export {
  AzureDeviceCompliance,
  type AzureDeviceComplianceProps,
} from './azure-device-compliance.js';
export { TenantTypePicker, type TenantTypePickerProps } from './tenant-type-picker.js';
export { AzureConnectForm, type AzureConnectFormProps } from './azure-connect-form.js';
export { ConsentDialog, type ConsentDialogProps } from './consent-dialog.js';
export { ConnectionActions, type ConnectionActionsProps } from './connection-actions.js';
export {
  AzureConnectionHealth,
  type AzureConnectionHealthProps,
} from './azure-connection-health.js';
