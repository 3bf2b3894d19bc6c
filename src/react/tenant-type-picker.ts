import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
// Registers <tenant-type-picker>.
import { TenantTypePicker as TenantTypePickerElement } from '../define/tenant-type-picker.js';
import { kitEvent } from './kit-event.js';

/** `<tenant-type-picker>`, the choice of tenant type, as a React component. */
export const TenantTypePicker = createComponent({
  react: React,
  tagName: 'tenant-type-picker',
  elementClass: TenantTypePickerElement,
  displayName: 'TenantTypePicker',
  events: {
    onTenantTypeChange: kitEvent('tenant-type-change'),
    onTenantTypeAdd: kitEvent('tenant-type-add'),
    // The element's plain `change` event (for form libraries), not React's synthetic one.
    onChange: 'change' as EventName<Event>,
  },
});

export type TenantTypePickerProps = React.ComponentProps<typeof TenantTypePicker>;
