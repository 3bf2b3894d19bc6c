import { createComponent } from '@lit/react';
import * as React from 'react';
// Registers <connection-actions>.
import { ConnectionActions as ConnectionActionsElement } from '../define/connection-actions.js';
import { kitEvent } from './kit-event.js';

/** `<connection-actions>`, the connected tenant with Edit and Disconnect, as a React component. */
export const ConnectionActions = createComponent({
  react: React,
  tagName: 'connection-actions',
  elementClass: ConnectionActionsElement,
  displayName: 'ConnectionActions',
  events: {
    onConnectionEdit: kitEvent('connection-edit'),
    onDisconnectRequest: kitEvent('disconnect-request'),
    onDisconnectConfirm: kitEvent('disconnect-confirm'),
  },
});

export type ConnectionActionsProps = React.ComponentProps<typeof ConnectionActions>;
