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
import { errorIcon, renderAlert, renderCloseButton } from '../ui.js';
import { styles } from './connection-actions.styles.js';

/**
 * The connected status (tenant, tenant type, URLs, date) with Edit account and Disconnect
 * account. Disconnecting asks first, in a modal dialog that says what disconnecting does; the
 * macOS note offers "disconnect, then reconnect" as one action. A tenant entered as a domain
 * shows its GUID too, once the backend has read it; a connection that a check found broken
 * (`connection.attention`) shows a "Needs attention" alert first, with Reconnect.
 *
 * While a disconnect runs (`busy`), "Disconnecting…" is announced and the buttons stay in place
 * and focusable (`aria-disabled`), so focus never falls to the page: they do nothing until it
 * ends. When it fails, the error is shown (and announced) above the buttons, and the button that
 * started the action is the retry: focus is left on it (or put back on it if it was lost).
 * The details stack label over value when the element is narrower than 30rem.
 *
 * @summary Connected tenant status with edit, disconnect and reconnect.
 *
 * @event connection-edit - Edit account was clicked.
 * @event disconnect-request - Disconnect (or reconnect) was clicked; cancelable. `detail.reconnect`.
 * @event disconnect-confirm - The admin confirmed in the dialog. `detail.reconnect`.
 *
 * @csspart status - The connected status section (no border or padding of its own).
 * @csspart details - The list of connection details.
 * @csspart edit-button - Edit account (the primary action).
 * @csspart disconnect-button - Disconnect account (a destructive secondary action; after a failed disconnect, its retry).
 * @csspart reconnect-button - Reconnect to add macOS.
 * @csspart attention - The "Needs attention" alert on a connection that a check found broken.
 * @csspart confirm-dialog - The disconnect (or reconnect) confirmation dialog.
 * @csspart close-button - The confirmation's close button (acts as Cancel).
 * @csspart alert - The message shown when disconnecting failed.
 *
 * @cssprop --connection-actions-background - Background of the status section (none by default; add padding through `::part(status)` if you set one).
 */
export class ConnectionActions extends KitElement {
  static override styles = [tokens, dialogStyles, styles];

  /** The connected tenant. Nothing is shown without one. */
  @property({ attribute: false }) connection?: Connection;

  /** Disconnecting is in progress. */
  @property({ type: Boolean, reflect: true }) busy = false;

  /** Why the last disconnect failed; the button that started it is the retry. */
  @property({ attribute: false }) error?: KitError;

  /** Hides the macOS note and its reconnect action. */
  @property({ type: Boolean, attribute: 'hide-reconnect' }) hideReconnect = false;

  /** The confirmation is open for a disconnect (`false`) or a reconnect (`true`). */
  @state() private confirming?: boolean;

  @query('dialog') private dialog!: HTMLDialogElement;

  #opener: HTMLElement | null = null;
  /** The confirmation was answered with its destructive button (not cancelled). */
  #confirmed = false;
  /** The last disconnect was a reconnect: after a failure, its own button is the retry. */
  #lastReconnect = false;
  #wasBusy = false;

  protected syncFromWizard(wizard: WizardContextValue): void {
    const state = wizard.state;
    if (state.status === 'connected' || state.status === 'disconnecting') {
      this.connection = state.connection;
      this.busy = state.status === 'disconnecting';
      // However the disconnect started (this element, the health panel, a console's send()).
      if (state.status === 'disconnecting') this.#lastReconnect = state.reconnect;
      this.error = state.status === 'connected' ? state.error : undefined;
    }
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    // A disconnect started elsewhere (a console's send(), the health panel) answers the open
    // question: the confirmation closes, and focus goes back to its opener.
    if (this.busy && this.confirming !== undefined) this.confirming = undefined;
  }

  protected override updated(): void {
    if (this.confirming !== undefined && !this.dialog.open) {
      this.dialog.showModal();
      // The safe choice takes focus first.
      this.dialog.querySelector<HTMLButtonElement>('.dismiss')?.focus();
    }
    if (this.confirming === undefined && this.dialog.open) this.dialog.close();
    const failed = this.#wasBusy && !this.busy && this.error !== undefined;
    this.#wasBusy = this.busy;
    if (failed) this.#focusRetryIfLost();
  }

  /**
   * After a failed disconnect the alert is announced (role="alert") and the button that started
   * the action is its retry. Focus normally stayed on it (it is only `aria-disabled` while busy);
   * if focus was lost to the page, it goes there, never into the text of the alert.
   */
  #focusRetryIfLost(): void {
    const active = deepActiveElement();
    if (active && active !== document.body) return;
    const root = this.renderRoot;
    const retry = this.#lastReconnect
      ? (root.querySelector<HTMLElement>('[part="attention"] button') ??
        root.querySelector<HTMLElement>('[part="reconnect-button"]'))
      : null;
    // A reconnect started outside (the health panel) with no Reconnect here: the heading.
    const fallback = this.#lastReconnect ? '#status-title' : '[part="disconnect-button"]';
    (retry ?? root.querySelector<HTMLElement>(fallback))?.focus();
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
    // A second click in the same task finds the confirmation already answered; `aria-disabled`
    // keeps the button focusable while busy, and this guard makes it inert.
    if (this.busy || this.confirming === undefined || !this.firstInTask('confirm')) return;
    const reconnect = this.confirming;
    this.#lastReconnect = reconnect;
    this.#confirmed = true;
    this.confirming = undefined;
    this.emit('disconnect-confirm', { reconnect });
    this.wizard?.send({ type: 'DISCONNECT', reconnect });
  }

  #dismiss(): void {
    this.confirming = undefined;
  }

  #onDialogClose(): void {
    this.confirming = undefined;
    const opener = this.#opener;
    const confirmed = this.#confirmed;
    this.#opener = null;
    this.#confirmed = false;
    if (!opener?.isConnected) return;
    // Cancelled: back to the opener. Confirmed: the opener (now `aria-disabled`, so still
    // focusable) keeps focus through "Disconnecting…", unless something else took it meanwhile
    // (the consent dialog of a reconnect, the next step after a quick disconnect).
    const active = deepActiveElement();
    if (!confirmed || !active || active === document.body) opener.focus();
  }

  #onEdit(): void {
    if (this.busy || !this.firstInTask('edit')) return;
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
      class="alert attention"
      part="attention"
      role="group"
      aria-labelledby="attention-title"
    >
      ${errorIcon}
      <div class="alert-body">
        <div>
          <h4 id="attention-title" class="alert-title">${t.attentionTitle}</h4>
          <p class="alert-text">${this.errorText({ code })}</p>
          <p class="since">${format(t.attentionSince, { date: this.#date(attention.since) })}</p>
        </div>
        <div class="alert-actions">${this.#button(undefined, t.attentionReconnect, true)}</div>
      </div>
    </div>`;
  }

  /**
   * A button that opens the confirmation. While a disconnect runs it stays focusable
   * (`aria-disabled`): `#request` refuses, and focus never falls to the page.
   */
  #button(part: string | undefined, label: string, reconnect: boolean, classes = '') {
    return html`<button
      type="button"
      part=${part ?? nothing}
      class=${`${classes}${this.busy ? ' busy' : ''}`.trim() || nothing}
      aria-disabled=${this.busy ? 'true' : 'false'}
      @click=${(event: Event) => this.#onRequest(reconnect, event)}
    >
      ${label}
    </button>`;
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
        <header class="dialog-header">
          <h2 id="confirm-title">${reconnect ? t.reconnectTitle : t.disconnectTitle}</h2>
          ${renderCloseButton(t.closeDialog, () => this.#dismiss())}
        </header>
        <div class="dialog-body">
          <p id="confirm-body">
            ${format(reconnect ? t.reconnectBody : t.disconnectBody, { tenant: connection.tenantId })}
          </p>
        </div>
        <footer class="dialog-footer">
          <button
            type="button"
            class="danger"
            aria-disabled=${this.busy ? 'true' : 'false'}
            @click=${this.#confirm}
          >
            ${reconnect ? t.reconnectConfirm : t.disconnectConfirm}
          </button>
          <button type="button" class="dismiss" @click=${this.#dismiss}>${t.cancel}</button>
        </footer>
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
          // No Retry of its own: the button that started the action (Disconnect, Reconnect)
          // stays and is the retry, so one action has one button.
          this.error
            ? renderAlert({ title: t.disconnectFailedTitle, text: this.errorText(this.error) })
            : nothing
        }
        <p role="status" class="announce">
          ${
            this.busy
              ? html`<span class="spinner" aria-hidden="true"></span> ${t.disconnecting}`
              : nothing
          }
        </p>
        <div class="actions">
          <button
            type="button"
            part="edit-button"
            class=${this.busy ? 'primary busy' : 'primary'}
            aria-disabled=${this.busy ? 'true' : 'false'}
            @click=${this.#onEdit}
          >
            ${t.editAccount}
          </button>
          ${this.#button('disconnect-button', t.disconnectAccount, false, 'danger-outline')}
        </div>
        ${
          this.hideReconnect
            ? nothing
            : html`<p class="note">${t.macosNote}</p>
                <div class="actions">
                  ${this.#button('reconnect-button', t.reconnectForMacos, true)}
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
