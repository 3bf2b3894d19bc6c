import { createComponent } from '@lit/react';
import * as React from 'react';
// Registers <consent-dialog>.
import { ConsentDialog as ConsentDialogElement } from '../define/consent-dialog.js';
import { kitEvent } from './kit-event.js';

/** `<consent-dialog>`, the admin consent step, as a React component. */
export const ConsentDialog = createComponent({
  react: React,
  tagName: 'consent-dialog',
  elementClass: ConsentDialogElement,
  displayName: 'ConsentDialog',
  events: {
    onConsentChange: kitEvent('consent-change'),
    onConsentConfirm: kitEvent('consent-confirm'),
    onConsentCancel: kitEvent('consent-cancel'),
    onConsentLinkCopy: kitEvent('consent-link-copy'),
  },
});

export type ConsentDialogProps = React.ComponentProps<typeof ConsentDialog>;
