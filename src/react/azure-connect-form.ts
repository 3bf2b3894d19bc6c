import { createComponent } from '@lit/react';
import * as React from 'react';
// Registers <azure-connect-form> and the <tenant-type-picker> it renders.
import { AzureConnectForm as AzureConnectFormElement } from '../define/azure-connect-form.js';
import { kitEvent } from './kit-event.js';

/** `<azure-connect-form>`, the tenant ID and URLs form, as a React component. */
export const AzureConnectForm = createComponent({
  react: React,
  tagName: 'azure-connect-form',
  elementClass: AzureConnectFormElement,
  displayName: 'AzureConnectForm',
  events: {
    onConnectFormInput: kitEvent('connect-form-input'),
    onTenantTypeChange: kitEvent('tenant-type-change'),
    onConnectFormSubmit: kitEvent('connect-form-submit'),
    onConnectFormCancel: kitEvent('connect-form-cancel'),
  },
});

export type AzureConnectFormProps = React.ComponentProps<typeof AzureConnectForm>;
