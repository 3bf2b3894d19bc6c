/** Registers every element of the kit under its default tag name. */
import './tenant-type-picker.js';
import './azure-connect-form.js';
import './consent-dialog.js';
import './connection-actions.js';
import './azure-connection-health.js';
import './azure-device-compliance.js';

export * from '../index.js';
