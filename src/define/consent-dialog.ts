import { ConsentDialog } from '../elements/consent-dialog/consent-dialog.js';

if (!customElements.get('consent-dialog')) customElements.define('consent-dialog', ConsentDialog);

declare global {
  interface HTMLElementTagNameMap {
    'consent-dialog': ConsentDialog;
  }
}

export { ConsentDialog };
