import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { WizardContextValue } from '../../context.js';
import type { Connection } from '../../core/connection.js';
import { isErrorCode, type KitError } from '../../core/errors.js';
import { isSafeHttpsUrl } from '../../core/url.js';
import { format } from '../../i18n/index.js';
import { formatDateTime } from '../../i18n/intl.js';
import { dialogStyles, tokens } from '../../styles/shared.styles.js';
import { deepActiveElement } from '../focus.js';
import { KitElement } from '../kit-element.js';
import { styles } from './connection-actions.styles.js';

/**
 * The connected status (tenant, tenant type, URLs, date) with Edit account and Disconnect
 * account. Disconnecting asks first, in a modal dialog that says what disconnecting does; the
 * macOS note offers "disconnect, then reconnect" as one action. A tenant entered as a domain
 * shows its GUID too, once the backend has read it; a connection that a check found broken
 * (`connection.attention`) shows a "Needs attention" alert first, with Reconnect.
 *
 * @summary Connected tenant status with edit, disconnect and reconnect.
 *
 * @event connection-edit - Edit account was clicked.
 * @event disconnect-request - Disconnect (or reconnect) was clicked; cancelable. `detail.reconnect`.
 * @event disconnect-confirm - The admin confirmed in the dialog. `detail.reconnect`.
 *
 * @csspart status - The status panel.
 * @csspart details - The list of connection details.
 * @csspart edit-button - Edit account.
 * @csspart disconnect-button - Disconnect account.
 * @csspart reconnect-button - Reconnect to add macOS.
 * @csspart attention - The "Needs attention" alert on a connection that a check found broken.
 * @csspart confirm-dialog - The disconnect confirmation dialog.
 * @csspart alert - The message shown when disconnecting failed.
 *
 * @cssprop --connection-actions-background - Background of the status panel.
 */
export class ConnectionActions extends KitElement {
  static override styles = [tokens, dialogStyles, styles];

  /** The connected tenant. Nothing is shown without one. */
  @property({ attribute: false }) connection?: Connection;

  /** Disconnecting is in progress. */
  @property({ type: Boolean, reflect: true }) busy = false;

  /** Why the last disconnect failed; shown with a Retry. */
  @property({ attribute: false }) error?: KitError;

  /** Hides the macOS note and its reconnect action. */
  @property({ type: Boolean, attribute: 'hide-reconnect' }) hideReconnect = false;

  /** The confirmation is open for a disconnect (`false`) or a reconnect (`true`). */
  @state() private confirming?: boolean;

  @query('dialog') private dialog!: HTMLDialogElement;

  #opener: HTMLElement | null = null;
  #lastReconnect = false;

  protected syncFromWizard(wizard: WizardContextValue): void {
    const state = wizard.state;
    if (state.status === 'connected' || state.status === 'disconnecting') {
      this.connection = state.connection;
      this.busy = state.status === 'disconnecting';
      // However the disconnect started (this element, the health panel, a console's send()),
      // its Retry repeats it: a failed Reconnect retried stays a Reconnect.
      if (state.status === 'disconnecting') this.#lastReconnect = state.reconnect;
      this.error = state.status === 'connected' ? state.error : undefined;
    }
  }

  protected override updated(): void {
    if (this.confirming !== undefined && !this.dialog.open) {
      this.dialog.showModal();
      // The safe choice takes focus first.
      this.dialog.querySelector<HTMLButtonElement>('.dismiss')?.focus();
    }
    if (this.confirming === undefined && this.dialog.open) this.dialog.close();
  }

  #request(reconnect: boolean, opener: HTMLElement | null): boolean {
    if (this.busy || !this.connection || this.confirming !== undefined) return false;
    if (!this.firstInTask('request')) return false;
    if (!this.emit('disconnect-request', { reconnect })) return false;
    this.#opener = opener;
    this.confirming = reconnect;
    return true;
  }

  /**
   * Opens the disconnect-and-reconnect confirmation, as "Reconnect to add macOS" does: it fires
   * `disconnect-request` (cancelable) first, focuses Cancel, and gives focus back to `opener`
   * when it closes. Returns false when nothing opened (busy, no connection, or the request was
   * cancelled).
   *
   * @param opener - Where focus returns when the confirmation closes. Default: the element that
   * has focus now, even inside another shadow root.
   */
  requestReconnect(opener: HTMLElement | null = deepActiveElement()): boolean {
    return this.#request(true, opener);
  }

  #confirm(): void {
    // A second click in the same task finds the confirmation already answered.
    if (this.confirming === undefined || !this.firstInTask('confirm')) return;
    const reconnect = this.confirming;
    this.#lastReconnect = reconnect;
    this.#opener = null;
    this.confirming = undefined;
    this.emit('disconnect-confirm', { reconnect });
    this.wizard?.send({ type: 'DISCONNECT', reconnect });
  }

  #retry(): void {
    if (this.busy || !this.firstInTask('confirm')) return;
    this.emit('disconnect-confirm', { reconnect: this.#lastReconnect });
    this.wizard?.send({ type: 'DISCONNECT', reconnect: this.#lastReconnect });
  }

  #dismiss(): void {
    this.confirming = undefined;
  }

  #onDialogClose(): void {
    this.confirming = undefined;
    const opener = this.#opener;
    this.#opener = null;
    if (opener?.isConnected) opener.focus();
  }

  #onEdit(): void {
    if (!this.firstInTask('edit')) return;
    this.emit('connection-edit', {});
    this.wizard?.send({ type: 'EDIT' });
  }

  #url(value: string | undefined) {
    if (value === undefined || value === '') return this.t.notSet;
    return isSafeHttpsUrl(value)
      ? html`<a href=${value} target="_blank" rel="noopener noreferrer">${value}</a>`
      : value;
  }

  #date(iso: string): string {
    return formatDateTime(iso, this.locale);
  }

  #onRequest(reconnect: boolean, event: Event): void {
    this.#request(reconnect, event.currentTarget as HTMLElement);
  }

  /** The alert on a connection that a check found broken: what is wrong, since when, Reconnect. */
  #renderAttention(attention: NonNullable<Connection['attention']>) {
    const t = this.t;
    const code = isErrorCode(attention.error) ? attention.error : 'adapter';
    return html`<div
      class="attention"
      part="attention"
      role="group"
      aria-labelledby="attention-title"
    >
      <h4 id="attention-title"><span aria-hidden="true">⚠</span> ${t.attentionTitle}</h4>
      <p>${this.errorText({ code })}</p>
      <p class="since">${format(t.attentionSince, { date: this.#date(attention.since) })}</p>
      <button
        type="button"
        class="primary"
        ?disabled=${this.busy}
        @click=${(event: Event) => this.#onRequest(true, event)}
      >
        ${t.attentionReconnect}
      </button>
    </div>`;
  }

  #renderDialog(connection: Connection) {
    const t = this.t;
    const reconnect = this.confirming === true;
    return html`
      <dialog
        part="confirm-dialog"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-body"
        @close=${this.#onDialogClose}
      >
        <h2 id="confirm-title">${reconnect ? t.reconnectTitle : t.disconnectTitle}</h2>
        <p id="confirm-body">
          ${format(reconnect ? t.reconnectBody : t.disconnectBody, { tenant: connection.tenantId })}
        </p>
        <div class="actions">
          <button type="button" class="danger" @click=${this.#confirm}>
            ${reconnect ? t.reconnectConfirm : t.disconnectConfirm}
          </button>
          <button type="button" class="dismiss" @click=${this.#dismiss}>${t.cancel}</button>
        </div>
      </dialog>
    `;
  }

  protected override render() {
    const connection = this.connection;
    if (!connection) return html`<dialog hidden></dialog>`;
    const t = this.t;
    return html`
      <section part="status" aria-labelledby="status-title">
        <h3 id="status-title" tabindex="-1">
          <span aria-hidden="true">✓</span> ${t.connectedTitle}
        </h3>
        ${connection.attention ? this.#renderAttention(connection.attention) : nothing}
        <dl part="details">
          <dt>${t.tenantLabel}</dt>
          <dd>${connection.tenantId}</dd>
          ${
            connection.tenantGuid && connection.tenantGuid !== connection.tenantId
              ? html`<dt>${t.tenantGuidLabel}</dt>
                  <dd class="guid">${connection.tenantGuid}</dd>`
              : nothing
          }
          <dt>${t.tenantTypeLabel}</dt>
          <dd>${connection.tenantType === 'gcc-high' ? t.gccHigh : t.standard}</dd>
          <dt>${t.enrollmentUrl}</dt>
          <dd>${this.#url(connection.enrollmentUrl)}</dd>
          <dt>${t.remediationUrl}</dt>
          <dd>${this.#url(connection.remediationUrl)}</dd>
          <dt>${t.connectedOn}</dt>
          <dd>${this.#date(connection.connectedAt)}</dd>
        </dl>
        ${
          this.error
            ? html`<div class="alert" role="alert" part="alert">
                <span>${this.errorText(this.error)}</span>
                <button type="button" @click=${this.#retry}>${t.retry}</button>
              </div>`
            : nothing
        }
        <p role="status">
          ${this.busy ? html`<span class="spinner" aria-hidden="true"></span> ${t.disconnecting}` : nothing}
        </p>
        <div class="actions">
          <button type="button" part="edit-button" ?disabled=${this.busy} @click=${this.#onEdit}>
            ${t.editAccount}
          </button>
          <button
            type="button"
            class="danger"
            part="disconnect-button"
            ?disabled=${this.busy}
            @click=${(event: Event) => this.#onRequest(false, event)}
          >
            ${t.disconnectAccount}
          </button>
        </div>
        ${
          this.hideReconnect
            ? nothing
            : html`<p class="note">${t.macosNote}</p>
                <div class="actions">
                  <button
                    type="button"
                    part="reconnect-button"
                    ?disabled=${this.busy}
                    @click=${(event: Event) => this.#onRequest(true, event)}
                  >
                    ${t.reconnectForMacos}
                  </button>
                </div>`
        }
      </section>
      ${this.#renderDialog(connection)}
    `;
  }

  /** Moves focus to the status heading (after connecting, for instance). */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('#status-title')?.focus(options);
  }
}
