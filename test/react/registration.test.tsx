// Importing one component's module registers its element, and only what that element renders:
// this file imports the connection-actions component alone (each test file has a page of its own).
import { describe, expect, it } from 'vitest';
import { ConnectionActions as ConnectionActionsElement } from '../../src/define/connection-actions.js';
import { ConnectionActions } from '../../src/react/connection-actions.js';

describe('registration', () => {
  it('registers <connection-actions> when its component is imported, and no other element', () => {
    expect(ConnectionActions.displayName).toBe('ConnectionActions');
    expect(customElements.get('connection-actions')).toBe(ConnectionActionsElement);
    for (const tag of [
      'azure-device-compliance',
      'tenant-type-picker',
      'azure-connect-form',
      'azure-connection-health',
    ]) {
      expect(customElements.get(tag), tag).toBeUndefined();
    }
  });
});
