import { provide } from '@lit/context';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { DEFAULT_TIMEOUT_MS, guardAdapter, type ConnectionAdapter } from '../../adapter/adapter.js';
import type { BrowserStorageCorruption } from '../../adapter/browser-storage-adapter.js';
import {
  EmbeddedAdapter,
  isEmbeddedStore,
  type EmbeddedStore,
} from '../../adapter/embedded-adapter.js';
import { checkAuditEvent } from '../../audit/check.js';
import { AdapterError } from '../../core/errors.js';
import { wizardContext, type WizardContextValue } from '../../context.js';
import type { Connection } from '../../core/connection.js';
import type { WizardEvent, WizardEventType, WizardState } from '../../core/machine.js';
import { WizardController } from '../../controller/wizard-controller.js';
import { HealthController } from '../../controller/health-controller.js';
import { AuditOutbox, IndexedDbAuditStore, MemoryAuditStore } from '../../audit/outbox.js';
import type { AuditEvent } from '../../core/audit.js';
import { dialogStyles, tokens } from '../../styles/shared.styles.js';
import type { ConnectionActions } from '../connection-actions/connection-actions.js';
import type { ConsentDialog } from '../consent-dialog/consent-dialog.js';
import { deepActiveElement } from '../focus.js';
import type { ConnectionChangeReason, KitEvent } from '../../events.js';
import { KitElement } from '../kit-element.js';
import { renderAlert, renderCloseButton } from '../ui.js';
import { styles } from './azure-device-compliance.styles.js';

/** The inner elements' parts, re-exported so a console can style them through the composite. */
const PICKER_PARTS =
  'fieldset: picker-fieldset, legend: picker-legend, option: picker-option, add-button';
const FORM_PARTS =
  'form, heading: form-heading, tenant-type-fieldset: picker-fieldset, tenant-type-legend: picker-legend, tenant-type-option: picker-option, field, input, error, status: form-status, submit-button, cancel-button, alert: form-alert';
const DIALOG_PARTS =
  'dialog, title: dialog-title, close-button: dialog-close-button, link-alert: dialog-link-alert, consent-link, copy-button, checkbox, confirm-button, cancel-button: dialog-cancel-button, alert: dialog-alert';
const ACTIONS_PARTS =
  'status, details, edit-button, disconnect-button, reconnect-button, confirm-dialog, close-button: confirm-close-button, alert: actions-alert, attention';
const HEALTH_PARTS =
  'panel: health-panel, details: health-details, state: health-state, warning: health-warning, platforms: health-platforms, reconnect-button: health-reconnect-button, check-button, alert: health-alert';

/** Stands in for an adapter given as an attribute: every call fails, nothing is stored. */
const missing = () =>
  Promise.reject(new AdapterError('adapter', 'the adapter was given as an attribute'));
const MISSING_ADAPTER: ConnectionAdapter = {
  loadConnection: missing,
  verifyConsent: missing,
  saveConnection: missing,
  updateConnection: missing,
  removeConnection: missing,
  appendAuditEvent: missing,
  listAuditEvents: missing,
};

/** Wizard events that only echo what the admin typed, ticked or picked. */
const INPUT_ECHOES: ReadonlySet<WizardEventType> = new Set([
  'EDIT_FIELD',
  'SET_CONSENT_GIVEN',
  'SELECT_TENANT_TYPE',
]);

/** Why the connection changed, from the wizard event that changed it. */
function changeReason(event: WizardEvent, after: Connection | null): ConnectionChangeReason {
  switch (event.type) {
    case 'VERIFIED':
      return 'connected';
    case 'SAVED':
      return 'edited';
    case 'DISCONNECTED':
      return 'disconnected';
    default:
      return after === null ? 'disconnected' : 'refreshed';
  }
}

function connectionOf(state: WizardState): Connection | null {
  return 'connection' in state ? state.connection : null;
}

/**
 * The whole "Device compliance for iOS, macOS and Android" screen in one tag: tenant type and
 * "Add Azure account", then the Connect account form (which shows the tenant type once, as its
 * first field), Azure client validation, then the connected status with edit and disconnect,
 * and what Intune sees of the connection (with Check now) when the adapter reports it.
 * Focus follows each step and never falls to the page: a Retry or Reset that reloads leaves it
 * on the "Loading…" status, then on the next step.
 * It runs one wizard and shares it with the elements inside through `@lit/context`; every
 * add, edit and disconnect (and every failure) is appended to the audit log through the adapter.
 * Without an `adapter` it uses the embedded browser-storage adapter.
 *
 * @summary The complete Azure tenant connection flow, on one adapter.
 *
 * @event connection-change - The connection to show: after every load (`reason: 'loaded'`, also with none) and on every change (`connected`, `edited`, `disconnected`, `refreshed`). `detail: { connection, reason }`.
 * @event wizard-state-change - The wizard's state changed (a new status, an error, a new connection; not the echo of typing). `detail: { state, previous, reason }`, `reason` being the wizard event.
 * @event audit-event - An audit event reached the adapter. `detail.event`.
 * @event audit-set-aside - A row of the audit outbox was not a valid event (it fails the schema, or is over 16 KiB) and was set aside instead of sent; later events are still delivered. `detail.reason` (`invalid` or `too-large`), `detail.count` (as `auditSetAsideCount`).
 * @event disconnect-request - Disconnect (or reconnect) was clicked; cancelable: `preventDefault()` stops it before the confirmation opens. `detail.reconnect`.
 * @event health-check - Check now was clicked; cancelable: `preventDefault()` and no check runs.
 *
 * @slot consent-extra - Extra content inside the Azure client validation dialog, for instance a link to the console's own help. The dialog is modal, so content outside it cannot be reached while it is open.
 *
 * @csspart heading - The section title.
 * @csspart loading - The "Loading the connection…" status.
 * @csspart config-alert - Shown instead of the flow when `adapter` was given as an attribute: the fix is to set the property.
 * @csspart load-alert - The message shown when the connection could not be loaded, with Retry (and Reset) under it.
 * @csspart retry-button - Retry, in the load error.
 * @csspart reset-button - "Reset the embedded store", in the load error when the embedded adapter's own data is damaged.
 * @csspart reset-dialog - The confirmation of "Reset the embedded store".
 * @csspart reset-title - The confirmation's title.
 * @csspart reset-confirm-button - The confirmation's destructive button ("Erase and start again").
 * @csspart reset-cancel-button - The confirmation's Cancel.
 * @csspart reset-close-button - The confirmation's close button.
 * @csspart picker-fieldset - `<tenant-type-picker>`'s `fieldset` (also inside the form).
 * @csspart picker-legend - `<tenant-type-picker>`'s `legend` (also inside the form).
 * @csspart picker-option - `<tenant-type-picker>`'s `option` (also inside the form).
 * @csspart add-button - `<tenant-type-picker>`'s `add-button` ("Add Azure account").
 * @csspart form - `<azure-connect-form>`'s `form`.
 * @csspart form-heading - `<azure-connect-form>`'s `heading`.
 * @csspart field - `<azure-connect-form>`'s `field`.
 * @csspart input - `<azure-connect-form>`'s `input`.
 * @csspart error - `<azure-connect-form>`'s `error`.
 * @csspart form-status - `<azure-connect-form>`'s `status` ("Saving…").
 * @csspart submit-button - `<azure-connect-form>`'s `submit-button`.
 * @csspart cancel-button - `<azure-connect-form>`'s `cancel-button`.
 * @csspart form-alert - `<azure-connect-form>`'s `alert`.
 * @csspart dialog - `<consent-dialog>`'s `dialog`.
 * @csspart dialog-title - `<consent-dialog>`'s `title`.
 * @csspart dialog-close-button - `<consent-dialog>`'s `close-button`.
 * @csspart dialog-link-alert - `<consent-dialog>`'s `link-alert`.
 * @csspart consent-link - `<consent-dialog>`'s `consent-link`.
 * @csspart copy-button - `<consent-dialog>`'s `copy-button`.
 * @csspart checkbox - `<consent-dialog>`'s `checkbox`.
 * @csspart confirm-button - `<consent-dialog>`'s `confirm-button`.
 * @csspart dialog-cancel-button - `<consent-dialog>`'s `cancel-button`.
 * @csspart dialog-alert - `<consent-dialog>`'s `alert`.
 * @csspart status - `<connection-actions>`'s `status`.
 * @csspart details - `<connection-actions>`'s `details`.
 * @csspart edit-button - `<connection-actions>`'s `edit-button`.
 * @csspart disconnect-button - `<connection-actions>`'s `disconnect-button`.
 * @csspart reconnect-button - `<connection-actions>`'s `reconnect-button`.
 * @csspart confirm-dialog - `<connection-actions>`'s `confirm-dialog`.
 * @csspart confirm-close-button - `<connection-actions>`'s `close-button`.
 * @csspart actions-alert - `<connection-actions>`'s `alert`.
 * @csspart attention - `<connection-actions>`'s `attention`.
 * @csspart health-panel - `<azure-connection-health>`'s `panel`.
 * @csspart health-details - `<azure-connection-health>`'s `details`.
 * @csspart health-state - `<azure-connection-health>`'s `state`.
 * @csspart health-warning - `<azure-connection-health>`'s `warning`.
 * @csspart health-platforms - `<azure-connection-health>`'s `platforms`.
 * @csspart health-reconnect-button - `<azure-connection-health>`'s `reconnect-button`.
 * @csspart check-button - `<azure-connection-health>`'s `check-button`.
 * @csspart health-alert - `<azure-connection-health>`'s `alert`.
 */
export class AzureDeviceCompliance extends KitElement {
  static override styles = [tokens, dialogStyles, styles];

  /** The backend. Defaults to the embedded browser-storage adapter. */
  @property({ attribute: false }) adapter?: ConnectionAdapter;

  /** The application (client) ID registered in the chosen cloud; used in the consent link. */
  @property({ attribute: 'client-id' }) clientId = '';

  /** Where Microsoft sends the admin back; must match the app registration exactly. Default: this page. */
  @property({ attribute: 'redirect-uri' }) redirectUri = '';

  /** Who is acting, for the audit log (e.g. the console user's e-mail). */
  @property() actor = '';

  /**
   * Prefix of what the element keeps in the browser: the draft (sessionStorage, survives a
   * reload), the consent-attempt ledger (localStorage, shared by tabs), the audit outbox
   * (IndexedDB) and the channel that keeps tabs in step. Give each console on an origin its own.
   */
  @property({ attribute: 'storage-key' }) storageKey = 'azure-compliance-connect';

  /** Milliseconds before an adapter call fails with a timeout. */
  @property({ type: Number, attribute: 'timeout-ms' }) timeoutMs: number = DEFAULT_TIMEOUT_MS;

  @provide({ context: wizardContext })
  @state()
  protected shared!: WizardContextValue;

  #guarded?: { source: ConnectionAdapter; timeoutMs: number; adapter: ConnectionAdapter };
  #defaultAdapter?: EmbeddedAdapter;
  #focusAfterRender = false;
  /** Leaving the consent dialog: focus the new view only if the dialog's opener is gone. */
  #focusIfLost = false;

  readonly #controller = new WizardController(this, {
    adapter: () => this.#adapter(),
    actor: () => this.actor,
    clientId: () => this.clientId,
    redirectUri: () => this.redirectUri || `${location.origin}${location.pathname}`,
    audit: (event) => this.#enqueueAudit(event),
    session: () => ({ storageKey: this.storageKey }),
    onChange: (next, previous, event) => this.#onChange(next, previous, event),
  });

  readonly #health = new HealthController(this, {
    adapter: () => this.#adapter(),
    actor: () => this.actor,
    state: () => this.#controller.state,
    send: (event) => this.#controller.send(event),
  });

  #outbox?: AuditOutbox;
  #setAsideCount = 0;
  /** The damage found in the embedded store for the current load error (computed once). */
  #corruption?: { readonly state: WizardState; readonly found: BrowserStorageCorruption[] };
  /** The reset confirmation is open. */
  @state() private confirmingReset = false;
  @query('dialog.reset') private resetDialog?: HTMLDialogElement;
  #resetOpener: HTMLElement | null = null;
  /**
   * A Retry or a reset reloads: the button that had focus disappears, so focus goes to the
   * "Loading…" status, then to what the load shows (the next step, or Retry again).
   */
  #focusAfterReload = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#outbox = new AuditOutbox({
      send: (event, signal) => this.#adapter().appendAuditEvent(event, { signal }),
      store:
        typeof indexedDB === 'undefined'
          ? new MemoryAuditStore()
          : new IndexedDbAuditStore(`${this.storageKey}-outbox`),
      lockName: `${this.storageKey}-outbox`,
      onDelivered: (event) => this.emit('audit-event', { event }),
      onSetAside: ({ reason }) => {
        this.#setAsideCount += 1;
        this.emit('audit-set-aside', { reason, count: this.#setAsideCount });
      },
      onError: (error) => console.warn('azure-device-compliance: audit outbox problem', error),
    });
    this.#outbox.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#outbox?.stop();
    this.#outbox = undefined;
  }

  /** The audit outbox: events written to IndexedDB first, then sent with retries. */
  get auditOutbox(): AuditOutbox | undefined {
    return this.#outbox;
  }

  /**
   * Rows of the audit outbox that were not valid events (failing the schema, or over 16 KiB) and
   * were set aside instead of sent, since the element was created. Each one also fires
   * `audit-set-aside`.
   */
  get auditSetAsideCount(): number {
    return this.#setAsideCount;
  }

  #enqueueAudit(event: AuditEvent): void {
    // The same check as the outbox's, so no path (the fallback below included) sends an event
    // that would not pass it.
    const checked = checkAuditEvent(event);
    if (!checked.ok) {
      console.warn('azure-device-compliance: audit event refused', checked.message);
      return;
    }
    const valid = checked.event;
    const outbox = this.#outbox;
    const sendDirectly = () =>
      this.#adapter()
        .appendAuditEvent(valid, { signal: new AbortController().signal })
        .then(() => this.emit('audit-event', { event: valid }))
        .catch((error: unknown) =>
          console.warn('azure-device-compliance: audit event lost', error),
        );
    // Without an outbox (element removed meanwhile) or when the browser refuses to store the
    // event (IndexedDB unavailable at run time), it is still sent once, best effort.
    if (!outbox) void sendDirectly();
    else outbox.enqueue(valid).catch(() => void sendDirectly());
  }

  /**
   * When the connection could not be loaded because the embedded adapter's own stored data is
   * damaged (not JSON, or the wrong shape): what is damaged. Empty otherwise, and always empty
   * with an adapter that is not a `BrowserStorageAdapter`. When it is not empty, the load error
   * offers "Reset the embedded store" next to Retry.
   */
  get embeddedStoreCorruption(): readonly BrowserStorageCorruption[] {
    const state = this.#controller.state;
    if (state.status !== 'load-failed' || state.error.code !== 'malformed-response') return [];
    const store = this.#embeddedStore();
    if (!store) return [];
    if (this.#corruption?.state !== state) {
      let found: BrowserStorageCorruption[] = [];
      try {
        found = store.findCorruption();
      } catch {
        // Storage itself is unavailable: nothing a reset could fix.
      }
      this.#corruption = { state, found };
    }
    return this.#corruption.found;
  }

  /**
   * Erases the embedded adapter's stored connection and audit log and loads again, as
   * confirming "Reset the embedded store" does, without asking. Does nothing and returns false
   * unless `embeddedStoreCorruption` is not empty.
   */
  resetEmbeddedStore(): boolean {
    const store = this.#embeddedStore();
    if (this.embeddedStoreCorruption.length === 0 || !store) return false;
    store.reset();
    this.#corruption = undefined;
    return this.send({ type: 'RELOAD' });
  }

  /** The adapter in use, with deadlines and result checks applied. */
  get activeAdapter(): ConnectionAdapter {
    return this.#adapter();
  }

  /** The wizard's current state. */
  get state(): WizardState {
    return this.#controller.state;
  }

  /** Sends the wizard an event; returns false when it was refused in the current state. */
  send(event: WizardEvent): boolean {
    return this.#controller.send(event);
  }

  /**
   * An `adapter` attribute without the property: the console meant its own backend but the
   * object never arrived (see `propertyAttributes`). The embedded default must not stand in.
   */
  get #adapterMissing(): boolean {
    return this.adapter === undefined && this.hasAttribute('adapter');
  }

  /**
   * The adapter in use, as set, before `guardAdapter`. Without one, the embedded default: the
   * browser-storage adapter, downloaded with its first call.
   */
  #source(): ConnectionAdapter {
    if (this.#adapterMissing) return MISSING_ADAPTER;
    return this.adapter ?? (this.#defaultAdapter ??= new EmbeddedAdapter());
  }

  /** The store in use whose damaged data can be reset (a `BrowserStorageAdapter`), if any. */
  #embeddedStore(): EmbeddedStore | undefined {
    const source = this.#source();
    if (source instanceof EmbeddedAdapter) return source.store;
    return isEmbeddedStore(source) ? source : undefined;
  }

  #adapter(): ConnectionAdapter {
    const source = this.#source();
    const cached = this.#guarded;
    if (cached?.source === source && Object.is(cached.timeoutMs, this.timeoutMs))
      return cached.adapter;
    const adapter = guardAdapter(source, { timeoutMs: this.timeoutMs });
    this.#guarded = { source, timeoutMs: this.timeoutMs, adapter };
    return adapter;
  }

  #onChange(next: WizardState, previous: WizardState, event: WizardEvent): void {
    // The echo of typing, ticking or picking is reported by the elements' own input events.
    if (next.status !== previous.status || !INPUT_ECHOES.has(event.type)) {
      this.emit('wizard-state-change', {
        state: next,
        previous: previous.status,
        reason: event.type,
      });
    }
    const before = connectionOf(previous);
    const after = connectionOf(next);
    if (event.type === 'LOADED' && next.status !== 'loading') {
      // Every load says what it found, a tenant or none: a console learns the first connection.
      this.emit('connection-change', { connection: after, reason: 'loaded' });
    } else if (
      previous.status !== 'loading' &&
      before !== after &&
      !(before && after && before.version === after.version)
    ) {
      this.emit('connection-change', { connection: after, reason: changeReason(event, after) });
    }
    // The consent dialog returns focus to its opener itself; a first load takes no focus.
    const reloading = this.#focusAfterReload;
    if (next.status !== 'loading') this.#focusAfterReload = false;
    this.#focusAfterRender =
      previous.status !== next.status &&
      ((previous.status !== 'loading' && previous.status !== 'awaiting-consent') || reloading);
    this.#focusIfLost = previous.status === 'awaiting-consent' && next.status !== previous.status;
  }

  protected syncFromWizard(): void {
    // The composite is the provider; it never consumes its own context.
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    // A new adapter after the first load: load from it (refused mid-flow, keeping the draft).
    if (changed.has('adapter') && this.hasUpdated) this.#controller.reload();
    const state = this.#controller.state;
    // The reset confirmation belongs to the load error: it never outlives it.
    if (state.status !== 'load-failed') this.confirmingReset = false;
    const consentUrl = this.#controller.consentUrl;
    if (this.shared?.state !== state || this.shared.consentUrl !== consentUrl) {
      this.shared = { state, consentUrl, send: this.#controller.send };
    }
  }

  protected override async updated(): Promise<void> {
    this.#syncResetDialog();
    if (!this.#focusAfterRender && !this.#focusIfLost) return;
    const onlyIfLost = !this.#focusAfterRender;
    this.#focusAfterRender = false;
    this.#focusIfLost = false;
    const status = this.#controller.state.status;
    const targets: Partial<Record<typeof status, string>> = {
      loading: '[part="loading"]',
      'load-failed': '[part="retry-button"]',
      choosing: 'tenant-type-picker',
      filling: 'azure-connect-form',
      editing: 'azure-connect-form',
      connected: 'connection-actions',
    };
    const target = targets[status];
    if (!target) return;
    const element = this.renderRoot.querySelector<
      HTMLElement & { updateComplete?: Promise<unknown> }
    >(target);
    await element?.updateComplete;
    if (onlyIfLost) {
      // After a reconnect the opener (the confirmation's button) no longer exists: focus stays
      // in the closed dialog, then falls to the page body.
      const dialog = this.renderRoot.querySelector<ConsentDialog>('consent-dialog');
      await dialog?.updateComplete;
      const active = document.activeElement;
      const lost =
        !active ||
        active === document.body ||
        (!!dialog && this.shadowRoot?.activeElement === dialog);
      if (!lost) return;
    }
    // Leave focus where it is when it is already inside the target (e.g. typing in the form).
    if (element && !element.matches(':focus-within')) element.focus();
  }

  protected override render() {
    const t = this.t;
    const state = this.#controller.state;
    return html`
      <section aria-labelledby="heading">
        <h2 id="heading" part="heading">${t.sectionTitle}</h2>
        <div class="stack">
          ${
            this.#adapterMissing
              ? renderAlert({
                  title: t.adapterAttributeTitle,
                  text: t.adapterAttributeText,
                  part: 'config-alert',
                })
              : this.#renderState(state)
          }
        </div>
      </section>
    `;
  }

  #syncResetDialog(): void {
    const dialog = this.resetDialog;
    if (this.confirmingReset && dialog && !dialog.open) {
      dialog.showModal();
      // The safe choice takes focus first.
      dialog.querySelector<HTMLButtonElement>('.dismiss')?.focus();
    }
    if (!this.confirmingReset && dialog?.open) dialog.close();
  }

  #openReset(event: Event): void {
    this.#resetOpener = event.currentTarget as HTMLElement;
    this.confirmingReset = true;
  }

  #confirmReset(): void {
    if (!this.firstInTask('reset')) return;
    this.#resetOpener = null;
    this.confirmingReset = false;
    this.#focusAfterReload = true;
    if (!this.resetEmbeddedStore()) this.#focusAfterReload = false;
  }

  #retryLoad(): void {
    if (!this.firstInTask('reload')) return;
    this.#focusAfterReload = true;
    if (!this.send({ type: 'RELOAD' })) this.#focusAfterReload = false;
  }

  #onResetClose(): void {
    this.confirmingReset = false;
    const opener = this.#resetOpener;
    this.#resetOpener = null;
    if (opener?.isConnected) opener.focus();
  }

  #renderLoadFailed(error: Extract<WizardState, { status: 'load-failed' }>['error']) {
    const t = this.t;
    const corrupt = this.embeddedStoreCorruption.length > 0;
    const actions = html`<button type="button" part="retry-button" @click=${this.#retryLoad}>
        ${t.retry}
      </button>
      ${
        corrupt
          ? html`<button
              type="button"
              class="danger-outline"
              part="reset-button"
              aria-haspopup="dialog"
              @click=${this.#openReset}
            >
              ${t.resetEmbeddedStore}
            </button>`
          : nothing
      }`;
    return html`${renderAlert({
      title: t.loadFailedTitle,
      text: corrupt ? t.embeddedStoreCorrupt : this.errorText(error),
      part: 'load-alert',
      actions,
    })}
    ${
      corrupt
        ? html`<dialog
            class="reset"
            part="reset-dialog"
            aria-labelledby="reset-title"
            aria-describedby="reset-body"
            @close=${this.#onResetClose}
          >
            <header class="dialog-header">
              <h2 id="reset-title" part="reset-title">${t.resetEmbeddedStoreTitle}</h2>
              ${renderCloseButton(
                t.closeDialog,
                () => (this.confirmingReset = false),
                false,
                'reset-close-button',
              )}
            </header>
            <div class="dialog-body">
              <p id="reset-body">${t.resetEmbeddedStoreBody}</p>
            </div>
            <footer class="dialog-footer">
              <button
                type="button"
                class="danger confirm"
                part="reset-confirm-button"
                @click=${this.#confirmReset}
              >
                ${t.resetEmbeddedStoreConfirm}
              </button>
              <button
                type="button"
                class="dismiss"
                part="reset-cancel-button"
                @click=${() => (this.confirmingReset = false)}
              >
                ${t.cancel}
              </button>
            </footer>
          </dialog>`
        : nothing
    }`;
  }

  /** Lets the console veto a disconnect: the inner request is cancelled if the host's is. */
  #forwardDisconnectRequest(event: KitEvent<'disconnect-request'>): void {
    if (!this.emit('disconnect-request', event.detail)) event.preventDefault();
  }

  /** Lets the console veto a check, as it can a disconnect; otherwise the check runs. */
  #onHealthCheck(event: KitEvent<'health-check'>): void {
    if (!this.emit('health-check', {})) {
      event.preventDefault();
      return;
    }
    this.#health.checkNow();
  }

  /** "Reconnect to add macOS" in the health panel: the status's own reconnect confirmation. */
  #onReconnectRequest(): void {
    const actions = this.renderRoot.querySelector<ConnectionActions>('connection-actions');
    actions?.requestReconnect(deepActiveElement());
  }

  #renderHealth() {
    const health = this.#health;
    return html`<azure-connection-health
      exportparts=${HEALTH_PARTS}
      .strings=${this.strings}
      .status=${health.status}
      .health=${health.health}
      .error=${health.error}
      .checking=${health.checking}
      .checkResult=${health.checkResult}
      @health-check=${this.#onHealthCheck}
      @reconnect-request=${this.#onReconnectRequest}
      @kit-retry=${() => health.reload()}
    ></azure-connection-health>`;
  }

  #renderState(state: WizardState) {
    const t = this.t;
    switch (state.status) {
      case 'loading':
        return html`<p role="status" part="loading" tabindex="-1">
          <span class="spinner" aria-hidden="true"></span> ${t.loading}
        </p>`;
      case 'load-failed':
        return this.#renderLoadFailed(state.error);
      case 'choosing':
        return html`<tenant-type-picker
          exportparts=${PICKER_PARTS}
          .strings=${this.strings}
        ></tenant-type-picker>`;
      case 'filling':
      case 'editing':
      case 'saving':
      case 'awaiting-consent':
      case 'verifying':
        // The tenant type is the form's first field: shown once, still changeable.
        return html`
          <azure-connect-form
            exportparts=${FORM_PARTS}
            .strings=${this.strings}
          ></azure-connect-form>
          <consent-dialog exportparts=${DIALOG_PARTS} .strings=${this.strings}>
            <slot name="consent-extra" slot="extra"></slot>
          </consent-dialog>
        `;
      case 'connected':
      case 'disconnecting':
        // When Intune's record is read, the health panel knows whether macOS is onboarded and
        // offers "Reconnect to add macOS" only then: the generic macOS note would repeat it.
        return html`<connection-actions
            exportparts=${ACTIONS_PARTS}
            .strings=${this.strings}
            ?hide-reconnect=${this.#health.status === 'ready' && !!this.#health.health?.partner}
            @disconnect-request=${this.#forwardDisconnectRequest}
          ></connection-actions>
          ${this.#renderHealth()}`;
    }
  }
}
