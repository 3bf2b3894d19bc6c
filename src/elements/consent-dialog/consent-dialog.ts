import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { WizardContextValue } from '../../context.js';
import { CLOUDS, type TenantType } from '../../core/cloud.js';
import { isConsentUrlFor } from '../../core/consent.js';
import type { KitError } from '../../core/errors.js';
import { format } from '../../i18n/index.js';
import { dialogStyles, tokens } from '../../styles/shared.styles.js';
import { deepActiveElement } from '../focus.js';
import { KitElement } from '../kit-element.js';
import { renderAlert, renderCloseButton } from '../ui.js';
import { styles } from './consent-dialog.styles.js';

/**
 * The "Azure client validation" dialog. Step 1 links to Microsoft's admin-consent page for the
 * chosen cloud and tenant (only a link to that cloud's sign-in host is ever rendered), steps 2
 * and 3 say what to do there, and Confirm is unavailable until "I have given my consent" is
 * ticked (a hint beside it says so and describes it). A modal native `<dialog>`: focus moves in
 * when it opens and back to the opener when it closes; Escape and the close button cancel.
 *
 * The header (title, close button) and the footer (Confirm, Cancel, the "Verifying consent…"
 * status) stay in view; only the steps between them scroll (200 % zoom, short viewports). When a
 * failed verification or the field shown when copying failed appears, the frame keeps its height
 * (until it closes) and the new content scrolls inside it: the title and the buttons do not move.
 *
 * While consent is being verified, Confirm, Cancel, the close button and the checkbox are
 * `aria-disabled` (and do nothing), never `disabled`: the focused control keeps the focus. After a
 * failed verification focus goes to Confirm, the one action that retries; the error box is
 * announced and describes Confirm.
 *
 * @summary Admin-consent dialog with consent link, copy button and confirmation.
 *
 * @event consent-change - The consent box was ticked or unticked. `detail.given`.
 * @event consent-confirm - Confirm was clicked (also to retry after a failure).
 * @event consent-cancel - The dialog was closed without confirming (Cancel, the close button or Escape).
 * @event consent-link-copy - Copy link was clicked. `detail: { url, copied }`.
 *
 * @slot extra - Extra content shown after the steps, for instance a link to the console's own help.
 *
 * @csspart dialog - The native dialog.
 * @csspart title - "Azure client validation".
 * @csspart close-button - The close button of the header; cancels like Cancel.
 * @csspart consent-link - The link to Microsoft's consent page.
 * @csspart copy-button - The copy link button.
 * @csspart link-alert - The message shown when no valid consent link can be built.
 * @csspart checkbox - "I have given my consent".
 * @csspart confirm-button - Confirm (also retries after a failure).
 * @csspart cancel-button - Cancel.
 * @csspart alert - The message shown when verification failed.
 *
 * @cssprop --consent-dialog-backdrop - Colour of the backdrop behind the dialog (default: `--acc-dialog-backdrop`).
 */
export class ConsentDialog extends KitElement {
  static override styles = [tokens, dialogStyles, styles];

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

  /** Consent is being verified: Confirm, Cancel, the close button and the checkbox wait. */
  @property({ type: Boolean, reflect: true }) busy = false;

  /** Why the last verification failed; Confirm retries. */
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

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    // "Link copied." is news of a moment: it goes when verification starts and when it fails. A
    // failed copy stays, with the field that holds the link. Opening again starts afresh.
    const movedOn =
      (changed.has('busy') && this.busy) || (changed.has('error') && this.error !== undefined);
    if (movedOn && this.copyStatus === 'copied') this.copyStatus = 'idle';
    if (changed.has('open') && this.open) this.copyStatus = 'idle';
    // Content that appears later scrolls inside the frame rather than resize it.
    const appears =
      (changed.has('error') && this.error !== undefined && changed.get('error') === undefined) ||
      (changed.has('copyStatus') && this.copyStatus === 'failed');
    if (appears) this.#keepFrame();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('open')) {
      if (this.open && !this.dialog.open) {
        this.#opener = deepActiveElement();
        this.dialog.style.removeProperty('--_frame-block-size');
        this.dialog.showModal();
      } else if (!this.open && this.dialog.open) {
        this.dialog.style.removeProperty('--_frame-block-size');
        this.dialog.close();
      }
    }
    if (!this.dialog.open || this.error === undefined) return;
    if (changed.has('error') && changed.get('error') === undefined) {
      this.renderRoot.querySelector('[part="alert"]')?.scrollIntoView({ block: 'nearest' });
    }
    // After a failed verification, focus goes to Confirm: the one action that retries.
    if (changed.has('busy') && changed.get('busy') === true && !this.busy) {
      this.renderRoot.querySelector<HTMLButtonElement>('[part="confirm-button"]')?.focus();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#opener = null;
  }

  /**
   * Keeps the dialog's current height until it closes, so that what appears next (the error box,
   * the field shown when copying failed) scrolls in the body and the header and footer stay
   * where they are. Set through CSSOM (allowed by a strict CSP), as a custom property that
   * `::part(dialog)` can still override. Called before the render that adds the content.
   */
  #keepFrame(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog?.open || dialog.style.getPropertyValue('--_frame-block-size')) return;
    const height = dialog.getBoundingClientRect().height;
    if (height > 0) dialog.style.setProperty('--_frame-block-size', `${height}px`);
  }

  #onClose(): void {
    if (this.open && this.busy) {
      // Chrome closes a modal on Escape despite preventDefault() when the page has had no user
      // activation; while verifying the dialog must stay open, so show it again.
      this.dialog.showModal();
      return;
    }
    this.dialog.style.removeProperty('--_frame-block-size');
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
    // Cancel and the close button are `aria-disabled` while verifying: this guard makes them inert.
    if (this.busy) return;
    this.emit('consent-cancel', {});
    if (this.wizard) this.wizard.send({ type: 'CANCEL' });
    else this.open = false;
  }

  #onConsentClick(event: Event): void {
    // The checkbox is `aria-disabled` while verifying: it keeps the focus but does not toggle.
    if (this.busy) event.preventDefault();
  }

  #onConsentChange(event: Event): void {
    this.consentGiven = (event.target as HTMLInputElement).checked;
    this.emit('consent-change', { given: this.consentGiven });
    this.wizard?.send({ type: 'SET_CONSENT_GIVEN', value: this.consentGiven });
  }

  #onConfirm(): void {
    // Confirm is `aria-disabled` until the box is ticked and while verifying: this guard makes it
    // inert.
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
    if (!url) {
      return renderAlert({
        title: t.consentLinkUnavailableTitle,
        text: t.noConsentUrl,
        part: 'link-alert',
      });
    }
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
          ? html`<div class="link-field">
              <label for="consent-url">${t.consentLinkField}</label>
              <input
                id="consent-url"
                type="text"
                readonly
                .value=${url}
                @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()}
              />
            </div>`
          : nothing
      }
      <p class="help">${t.copyHint}</p>
    `;
  }

  protected override render() {
    const t = this.t;
    const url = this.#safeUrl;
    const cloud = this.tenantType === 'gcc-high' ? t.gccHigh : t.standard;
    const unavailable = !this.consentGiven || this.busy;
    const describedBy = [
      this.consentGiven ? '' : 'confirm-hint',
      this.error && !this.busy ? 'error' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return html`
      <dialog
        part="dialog"
        aria-labelledby="title"
        aria-describedby="intro"
        @close=${this.#onClose}
        @cancel=${this.#onCancelEvent}
      >
        <header class="dialog-header">
          <h2 id="title" part="title">${t.dialogTitle}</h2>
          ${renderCloseButton(t.closeDialog, () => this.#requestCancel(), this.busy)}
        </header>
        <div class="dialog-body">
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
              aria-disabled=${this.busy ? 'true' : 'false'}
              @click=${this.#onConsentClick}
              @change=${this.#onConsentChange}
            />
            <span>${t.consentGiven}</span>
          </label>
          ${
            this.error
              ? html`<div id="error">
                  ${renderAlert({ title: t.verificationFailedTitle, text: this.errorText(this.error) })}
                </div>`
              : nothing
          }
        </div>
        <footer class="dialog-footer">
          <button
            type="button"
            class=${this.busy ? 'primary busy' : 'primary'}
            part="confirm-button"
            aria-disabled=${unavailable ? 'true' : 'false'}
            aria-describedby=${describedBy || nothing}
            @click=${this.#onConfirm}
          >
            ${t.confirm}
          </button>
          <button
            type="button"
            part="cancel-button"
            aria-disabled=${this.busy ? 'true' : 'false'}
            @click=${this.#requestCancel}
          >
            ${t.cancel}
          </button>
          ${
            this.consentGiven
              ? nothing
              : html`<p id="confirm-hint" class="footer-note">
                  ${format(t.confirmHint, { label: t.consentGiven })}
                </p>`
          }
          <p role="status" id="status" class="footer-note">
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span> ${t.verifying}` : nothing}
          </p>
        </footer>
      </dialog>
    `;
  }
}
