import { createComponent } from '@lit/react';
import * as React from 'react';
// Registers <azure-device-compliance> and the five elements it renders.
import { AzureDeviceCompliance as AzureDeviceComplianceElement } from '../define/azure-device-compliance.js';
import { kitEvent } from './kit-event.js';

/**
 * `<azure-device-compliance>`, the complete connection flow, as a React component. Properties
 * such as `adapter` and `strings` reach the element as properties; each event has its `on…`
 * handler prop.
 */
export const AzureDeviceCompliance = createComponent({
  react: React,
  tagName: 'azure-device-compliance',
  elementClass: AzureDeviceComplianceElement,
  displayName: 'AzureDeviceCompliance',
  events: {
    onConnectionChange: kitEvent('connection-change'),
    onWizardStateChange: kitEvent('wizard-state-change'),
    onAuditEvent: kitEvent('audit-event'),
    onAuditSetAside: kitEvent('audit-set-aside'),
    onDisconnectRequest: kitEvent('disconnect-request'),
    onHealthCheck: kitEvent('health-check'),
  },
});

export type AzureDeviceComplianceProps = React.ComponentProps<typeof AzureDeviceCompliance>;
