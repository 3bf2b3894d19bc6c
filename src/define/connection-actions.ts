import { ConnectionActions } from '../elements/connection-actions/connection-actions.js';

if (!customElements.get('connection-actions'))
  customElements.define('connection-actions', ConnectionActions);

declare global {
  interface HTMLElementTagNameMap {
    'connection-actions': ConnectionActions;
  }
}

export { ConnectionActions };
