// The composite renders these elements by their default tag names: register them first, so that
// importing this one entry gives a working composite.
import './tenant-type-picker.js';
import './azure-connect-form.js';
import './consent-dialog.js';
import './connection-actions.js';
import './azure-connection-health.js';
import { AzureDeviceCompliance } from '../elements/azure-device-compliance/azure-device-compliance.js';

if (!customElements.get('azure-device-compliance'))
  customElements.define('azure-device-compliance', AzureDeviceCompliance);

declare global {
  interface HTMLElementTagNameMap {
    'azure-device-compliance': AzureDeviceCompliance;
  }
}

export { AzureDeviceCompliance };
