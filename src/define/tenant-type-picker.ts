import { TenantTypePicker } from '../elements/tenant-type-picker/tenant-type-picker.js';

if (!customElements.get('tenant-type-picker'))
  customElements.define('tenant-type-picker', TenantTypePicker);

declare global {
  interface HTMLElementTagNameMap {
    'tenant-type-picker': TenantTypePicker;
  }
}

export { TenantTypePicker };
