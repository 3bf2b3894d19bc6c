import { ConnectionHealthPanel } from '../elements/connection-health/connection-health.js';

if (!customElements.get('azure-connection-health'))
  customElements.define('azure-connection-health', ConnectionHealthPanel);

declare global {
  interface HTMLElementTagNameMap {
    'azure-connection-health': ConnectionHealthPanel;
  }
}

export { ConnectionHealthPanel };
