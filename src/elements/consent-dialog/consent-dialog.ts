import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { WizardContextValue } from '../../context.js';
import { CLOUDS, type TenantType } from '../../core/cloud.js';
import { isConsentUrlFor } from '../../core/consent.js';
import type { KitError } from '../../core/errors.js';
import { format } from '../../i18n/index.js';
import { tokens } from '../../styles/shared.styles.js';
import { deepActiveElement } from '../focus.js';
import { KitElement } from '../kit-element.js';
import { styles } from './consent-dialog.styles.js';

/**
 * The "Azure client validation" dialog. Step 1 links to Microsoft's admin-consent page for the
 * chosen cloud and tenant (only a link to that cloud's sign-in host is ever rendered), steps 2
 * and 3 say what to do there, and Confirm stays disabled until "I have given my consent" is
 * ticked. A modal native `<dialog>`: focus moves in when it opens and back to the opener when it
 * closes; Escape cancels.
 *
 * @summary Admin-consent dialog with consent link, copy button and confirmation.
 *
 * @event consent-change - The consent box was ticked or unticked. `detail.given`.
 * @event consent-confirm - Confirm was clicked (or Retry after a failure).
 * @event consent-cancel - The dialog was closed without confirming.
 * @event consent-link-copy - Copy link was clicked. `detail: { url, copied }`.
 *
 * @slot extra - Extra content shown after the steps, for instance a link to the console's own help.
 *
 * @csspart dialog - The native dialog.
 * @csspart title - "Azure client validation".
 * @csspart consent-link - The link to Microsoft's consent page.
 * @csspart copy-button - The copy link button.
 * @csspart checkbox - "I have given my consent".
 * @csspart confirm-button - Confirm.
 * @csspart cancel-button - Cancel.
 * @csspart alert - The message shown when verification failed.
 *
 * @cssprop --consent-dialog-backdrop - Colour of the backdrop behind the dialog.
 */
export class ConsentDialog extends KitElement {
  static override styles = [tokens, styles];

  /** Shows the dialog as a modal. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Microsoft's admin-consent link. Rendered only if it points at the tenant type's sign-in host. */
  @property({ attribute: 'consent-url' }) consentUrl = '';

  /** The tenant type the link is for. */
  @property({ attribute: 'tenant-type' }) tenantType: TenantType = 'standard';

  /** The tenant being connected, shown in the introduction. */
  @property({ attribute: 'tenant-id' }) tenantId = '';

  /** "I have given my consent" is ticked. */
  @property({ type: Boolean, attribute: 'consent-given' }) consentGiven = false;

  /** Consent is being verified: Confirm and Cancel wait. */
  @property({ type: Boolean, reflect: true }) busy = false;

  /** Why the last verification failed; shown with a Retry. */
  @property({ attribute: false }) error?: KitError;

  @state() private copyStatus: 'idle' | 'copied' | 'failed' = 'idle';

  @query('dialog') private dialog!: HTMLDialogElement;

  #opener: HTMLElement | null = null;

  protected syncFromWizard(wizard: WizardContextValue): void {
    const state = wizard.state;
    const active = state.status === 'awaiting-consent' || state.status === 'verifying';
    this.open = active;
    if (!active) return;
    this.consentUrl = wizard.consentUrl ?? '';
    this.tenantType = state.attempt.input.tenantType;
    this.tenantId = state.attempt.input.tenantId;
    this.consentGiven = state.status === 'verifying' || state.consentGiven;
    this.busy = state.status === 'verifying';
    this.error = state.status === 'awaiting-consent' ? state.error : undefined;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('open')) {
      if (this.open && !this.dialog.open) {
        this.#opener = deepActiveElement();
        this.copyStatus = 'idle';
        this.dialog.showModal();
      } else if (!this.open && this.dialog.open) {
        this.dialog.close();
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#opener = null;
  }

  #onClose(): void {
    if (this.open && this.busy) {
      // Chrome closes a modal on Escape despite preventDefault() when the page has had no user
      // activation; while verifying the dialog must stay open, so show it again.
      this.dialog.showModal();
      return;
    }
    const opener = this.#opener;
    this.#opener = null;
    if (this.open) this.#requestCancel();
    if (opener?.isConnected) opener.focus();
  }

  #onCancelEvent(event: Event): void {
    // Escape: the dialog closes through #requestCancel, and not at all while verifying.
    event.preventDefault();
    this.#requestCancel();
  }

  #requestCancel(): void {
    if (this.busy) return;
    this.emit('consent-cancel', {});
    if (this.wizard) this.wizard.send({ type: 'CANCEL' });
    else this.open = false;
  }

  #onConsentChange(event: Event): void {
    this.consentGiven = (event.target as HTMLInputElement).checked;
    this.emit('consent-change', { given: this.consentGiven });
    this.wizard?.send({ type: 'SET_CONSENT_GIVEN', value: this.consentGiven });
  }

  #onConfirm(): void {
    if (!this.consentGiven || this.busy || !this.firstInTask('confirm')) return;
    this.emit('consent-confirm', {});
    this.wizard?.send({ type: 'CONFIRM' });
  }

  async #onCopy(): Promise<void> {
    const url = this.#safeUrl;
    if (!url) return;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false;
    }
    this.copyStatus = copied ? 'copied' : 'failed';
    this.emit('consent-link-copy', { url, copied });
  }

  get #safeUrl(): string | undefined {
    return isConsentUrlFor(this.consentUrl, this.tenantType) ? this.consentUrl : undefined;
  }

  #renderLink(url: string | undefined) {
    const t = this.t;
    if (!url) return html`<p class="alert" role="alert">${t.noConsentUrl}</p>`;
    return html`
      <a part="consent-link" href=${url} target="_blank" rel="noopener noreferrer">
        ${t.consentLink} <span class="visually-hidden">${t.newTab}</span>
      </a>
      <div class="copy">
        <button type="button" part="copy-button" @click=${this.#onCopy}>${t.copyLink}</button>
        <p role="status">
          ${this.copyStatus === 'copied' ? t.linkCopied : this.copyStatus === 'failed' ? t.copyFailed : ''}
        </p>
      </div>
      ${
        this.copyStatus === 'failed'
          ? html`<input
              type="text"
              readonly
              aria-label=${t.consentLink}
              .value=${url}
              @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()}
            />`
          : nothing
      }
      <p class="help">${t.copyHint}</p>
    `;
  }

  protected override render() {
    const t = this.t;
    const url = this.#safeUrl;
    const cloud = this.tenantType === 'gcc-high' ? t.gccHigh : t.standard;
    return html`
      <dialog
        part="dialog"
        aria-labelledby="title"
        aria-describedby="intro"
        aria-busy=${this.busy ? 'true' : 'false'}
        @close=${this.#onClose}
        @cancel=${this.#onCancelEvent}
      >
        <h2 id="title" part="title">${t.dialogTitle}</h2>
        <p id="intro">
          ${format(t.dialogIntro, { tenant: this.tenantId, cloud: `${cloud}, ${CLOUDS[this.tenantType].loginHost}` })}
        </p>
        <ol>
          <li>${t.step1} ${this.#renderLink(url)}</li>
          <li>${t.step2}</li>
          <li>${t.step3}</li>
        </ol>
        <p class="hint">${t.signInAgainHint}</p>
        <slot name="extra"></slot>
        <label class="consent">
          <input
            type="checkbox"
            part="checkbox"
            .checked=${this.consentGiven}
            ?disabled=${this.busy}
            @change=${this.#onConsentChange}
          />
          ${t.consentGiven}
        </label>
        ${
          this.error
            ? html`<div class="alert" role="alert" part="alert">
                <span>${this.errorText(this.error)}</span>
                ${
                  this.consentGiven
                    ? html`<button type="button" @click=${this.#onConfirm}>${t.retry}</button>`
                    : nothing
                }
              </div>`
            : nothing
        }
        <p role="status">
          ${this.busy ? html`<span class="spinner" aria-hidden="true"></span> ${t.verifying}` : nothing}
        </p>
        <div class="actions">
          <button
            type="button"
            class="primary"
            part="confirm-button"
            ?disabled=${!this.consentGiven || this.busy}
            @click=${this.#onConfirm}
          >
            ${t.confirm}
          </button>
          <button
            type="button"
            part="cancel-button"
            ?disabled=${this.busy}
            @click=${this.#requestCancel}
          >
            ${t.cancel}
          </button>
        </div>
      </dialog>
    `;
  }
}
