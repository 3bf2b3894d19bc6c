import type { TenantType } from './core/cloud.js';
import type { Connection, ConnectionInput, Draft, DraftField } from './core/connection.js';
import type { AuditEvent } from './core/audit.js';
import type { SetAsideReason } from './audit/check.js';
import type { WizardEventType, WizardState, WizardStatus } from './core/machine.js';

/** Why `connection-change` fired. */
export type ConnectionChangeReason =
  'loaded' | 'connected' | 'edited' | 'disconnected' | 'refreshed';

/**
 * Every event the kit dispatches, by name, with its `detail`. All bubble and none is composed:
 * the composite element re-dispatches on itself what a console needs to hear.
 */
export interface KitEventDetails {
  /** `<tenant-type-picker>`: the admin chose a tenant type. */
  'tenant-type-change': { readonly tenantType: TenantType };
  /** `<tenant-type-picker>`: the admin clicked Add. */
  'tenant-type-add': { readonly tenantType: TenantType };
  /** `<azure-connect-form>`: a field changed; `draft` holds every field as typed. */
  'connect-form-input': {
    readonly field: DraftField;
    readonly value: string;
    readonly draft: Draft;
  };
  /** `<azure-connect-form>`: the form passed validation; `input` is normalised. */
  'connect-form-submit': { readonly input: ConnectionInput; readonly draft: Draft };
  /** `<azure-connect-form>`: the admin cancelled. */
  'connect-form-cancel': Record<string, never>;
  /** `<consent-dialog>`: "I have given my consent" was ticked or unticked. */
  'consent-change': { readonly given: boolean };
  /** `<consent-dialog>`: Confirm was clicked (only possible once consent is ticked). */
  'consent-confirm': Record<string, never>;
  /** `<consent-dialog>`: the dialog was closed without confirming (Cancel or Escape). */
  'consent-cancel': Record<string, never>;
  /** `<consent-dialog>`: the consent link was copied (`copied` false when the clipboard refused). */
  'consent-link-copy': { readonly url: string; readonly copied: boolean };
  /** `<connection-actions>`: Edit account was clicked. */
  'connection-edit': Record<string, never>;
  /**
   * `<connection-actions>`: Disconnect (or Reconnect) was clicked. Cancelable: call
   * `preventDefault()` to stop before the confirmation opens.
   */
  'disconnect-request': { readonly reconnect: boolean };
  /** `<connection-actions>`: the admin confirmed the disconnection. */
  'disconnect-confirm': { readonly reconnect: boolean };
  /**
   * `<azure-connection-health>` (re-sent by `<azure-device-compliance>`): Check now was clicked.
   * Cancelable: call `preventDefault()` and no check runs.
   */
  'health-check': Record<string, never>;
  /**
   * `<azure-connection-health>`: "Reconnect to add macOS" was clicked. The composite opens the
   * disconnect-and-reconnect confirmation of its `<connection-actions>`.
   */
  'reconnect-request': Record<string, never>;
  /** Any view: the admin asked to retry the operation that failed. */
  'kit-retry': Record<string, never>;
  /**
   * `<azure-device-compliance>`: the connection as the console should now show it. Fires once
   * after every load (`loaded`, also when no tenant is connected: `connection` is then null), so
   * a console learns the connection found on first load, and on every change: `connected`,
   * `edited`, `disconnected`, or `refreshed` (a check found a newer version).
   */
  'connection-change': {
    readonly connection: Connection | null;
    readonly reason: ConnectionChangeReason;
  };
  /**
   * `<azure-device-compliance>`: the wizard's state changed. Fires once per transition that
   * changes what the wizard shows (a new status, an error, a new connection), never for the
   * echo of typing, ticking or picking (`EDIT_FIELD`, `SET_CONSENT_GIVEN`, `SELECT_TENANT_TYPE`
   * within one status): the elements' own input events report those. `reason` is the wizard
   * event that caused it, `previous` the status before.
   */
  'wizard-state-change': {
    readonly state: WizardState;
    readonly previous: WizardStatus;
    readonly reason: WizardEventType;
  };
  /** `<azure-device-compliance>`: an audit event was appended through the adapter. */
  'audit-event': { readonly event: AuditEvent };
  /**
   * `<azure-device-compliance>`: a row of the audit outbox was not a valid event (it fails the
   * schema, or is over 16 KiB) and was set aside instead of sent; `count` is how many so far.
   */
  'audit-set-aside': { readonly reason: SetAsideReason; readonly count: number };
}

export type KitEventName = keyof KitEventDetails;
export type KitEvent<K extends KitEventName> = CustomEvent<KitEventDetails[K]>;

/** Events that a listener may veto with `preventDefault()`. */
const CANCELABLE: ReadonlySet<KitEventName> = new Set<KitEventName>([
  'disconnect-request',
  'health-check',
]);

export function createKitEvent<K extends KitEventName>(
  type: K,
  detail: KitEventDetails[K],
): KitEvent<K> {
  return new CustomEvent(type, {
    detail,
    bubbles: true,
    composed: false,
    cancelable: CANCELABLE.has(type),
  });
}

/** Dispatches a kit event on `target`; returns false when a listener cancelled it. */
export function emit<K extends KitEventName>(
  target: EventTarget,
  type: K,
  detail: KitEventDetails[K],
): boolean {
  return target.dispatchEvent(createKitEvent(type, detail));
}

type KitEventMap = { [K in KitEventName]: KitEvent<K> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends KitEventMap {}
}
