import './tenant-type-picker.js';
import { AzureConnectForm } from '../elements/azure-connect-form/azure-connect-form.js';

if (!customElements.get('azure-connect-form'))
  customElements.define('azure-connect-form', AzureConnectForm);

declare global {
  interface HTMLElementTagNameMap {
    'azure-connect-form': AzureConnectForm;
  }
}

export { AzureConnectForm };
