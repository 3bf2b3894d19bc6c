import { createComponent } from '@lit/react';
import * as React from 'react';
// Registers <azure-connection-health>.
import { ConnectionHealthPanel } from '../define/azure-connection-health.js';
import { kitEvent } from './kit-event.js';

/** `<azure-connection-health>`, what Intune reports of the connection, as a React component. */
export const AzureConnectionHealth = createComponent({
  react: React,
  tagName: 'azure-connection-health',
  elementClass: ConnectionHealthPanel,
  displayName: 'AzureConnectionHealth',
  events: {
    onHealthCheck: kitEvent('health-check'),
    onReconnectRequest: kitEvent('reconnect-request'),
    onKitRetry: kitEvent('kit-retry'),
  },
});

export type AzureConnectionHealthProps = React.ComponentProps<typeof AzureConnectionHealth>;
