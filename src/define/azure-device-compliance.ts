import { AzureDeviceCompliance } from '../elements/azure-device-compliance/azure-device-compliance.js';

if (!customElements.get('azure-device-compliance'))
  customElements.define('azure-device-compliance', AzureDeviceCompliance);

declare global {
  interface HTMLElementTagNameMap {
    'azure-device-compliance': AzureDeviceCompliance;
  }
}

export { AzureDeviceCompliance };
