import { html, nothing } from 'lit';
import { property, queryAll } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { WizardContextValue } from '../../context.js';
import type { TenantType } from '../../core/cloud.js';
import { createConsentState } from '../../core/consent.js';
import {
  clearFieldError,
  DRAFT_FIELDS,
  validateDraft,
  type Draft,
  type DraftField,
  type DraftValidation,
  type FieldErrors,
} from '../../core/connection.js';
import type { KitError } from '../../core/errors.js';
import { tokens } from '../../styles/shared.styles.js';
import { KitElement } from '../kit-element.js';
import { styles } from './azure-connect-form.styles.js';

/**
 * The "Connect account" form: Azure tenant ID (required), Enrollment URL and Remediation URL
 * (optional, HTTPS only). Every field is checked on submit; each error is shown on its field,
 * announced, and the first invalid field gets focus. What the admin typed is never cleared.
 *
 * @summary Tenant ID and optional HTTPS URLs, validated inline.
 *
 * @event connect-form-input - A field changed. `detail: { field, value, draft }`.
 * @event connect-form-submit - Every field is valid. `detail.input` is normalised (lower-case tenant, parsed URLs).
 * @event connect-form-cancel - Cancel was clicked.
 * @event kit-retry - Retry was clicked after a failed save.
 *
 * @csspart form - The form.
 * @csspart heading - The form's title.
 * @csspart field - One label, input, help text and error.
 * @csspart input - Each text input.
 * @csspart error - A field's error message.
 * @csspart submit-button - "Connect account" or "Save changes".
 * @csspart cancel-button - Cancel.
 * @csspart alert - The message shown when saving failed.
 *
 * @cssprop --azure-connect-form-max-width - Maximum width of the form (default 40rem).
 */
export class AzureConnectForm extends KitElement {
  static override styles = [tokens, styles];
  static override shadowRootOptions: ShadowRootInit = {
    ...KitElement.shadowRootOptions,
    delegatesFocus: true,
  };

  /** Tenant type the connection is for (shown, and sent with the input). */
  @property({ attribute: 'tenant-type' }) tenantType: TenantType = 'standard';

  /** The Azure tenant ID as typed. */
  @property({ attribute: 'tenant-id' }) tenantId = '';

  /** The optional enrollment page, as typed. */
  @property({ attribute: 'enrollment-url' }) enrollmentUrl = '';

  /** The optional remediation page, as typed. */
  @property({ attribute: 'remediation-url' }) remediationUrl = '';

  /** `add` shows "Connect account"; `edit` shows "Edit account" and "Save changes". */
  @property() mode: 'add' | 'edit' = 'add';

  /** Errors per field, as codes. Set by the form on submit, or by the host. */
  @property({ attribute: false }) errors: FieldErrors = {};

  /** Work is in progress (consent or saving): the submit button waits. */
  @property({ type: Boolean, reflect: true }) busy = false;

  /** Hides the Cancel button. */
  @property({ type: Boolean, attribute: 'hide-cancel' }) hideCancel = false;

  /** A failed save, shown above the buttons with a Retry. */
  @property({ attribute: false }) error?: KitError;

  @queryAll('input') private inputs!: NodeListOf<HTMLInputElement>;

  /** Every field as typed. */
  get draft(): Draft {
    return {
      tenantType: this.tenantType,
      tenantId: this.tenantId,
      enrollmentUrl: this.enrollmentUrl,
      remediationUrl: this.remediationUrl,
    };
  }

  protected syncFromWizard(wizard: WizardContextValue): void {
    const state = wizard.state;
    if (!('draft' in state)) return;
    const { draft } = state;
    this.tenantType = draft.tenantType;
    this.tenantId = draft.tenantId;
    this.enrollmentUrl = draft.enrollmentUrl;
    this.remediationUrl = draft.remediationUrl;
    this.errors = 'errors' in state ? state.errors : {};
    this.mode =
      state.status === 'editing' || state.status === 'saving' || 'previous' in state
        ? 'edit'
        : 'add';
    this.busy = state.status !== 'filling' && state.status !== 'editing';
    this.error = state.status === 'editing' ? state.error : undefined;
  }

  /**
   * Validates every field, shows the errors and focuses the first invalid one.
   * Returns true when the form can be submitted.
   */
  checkValidity(): boolean {
    return this.#validate().ok;
  }

  /** Validates the draft, shows the errors and focuses the first invalid field. */
  #validate(): DraftValidation {
    const result = validateDraft(this.draft);
    this.errors = result.ok ? {} : result.errors;
    if (!result.ok) void this.#focusFirstError();
    return result;
  }

  async #focusFirstError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
  }

  #onInput(field: DraftField, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this[field] = value;
    this.errors = clearFieldError(this.errors, field);
    this.emit('connect-form-input', { field, value, draft: this.draft });
    this.wizard?.send({ type: 'EDIT_FIELD', field, value });
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy || !this.firstInTask('submit')) return;
    const result = this.#validate();
    if (result.ok) this.emit('connect-form-submit', { input: result.value, draft: this.draft });
    // The machine validates again and keeps the outcome (errors or a consent attempt) shared.
    this.wizard?.send({ type: 'SUBMIT', consentState: createConsentState() });
  }

  #onCancel(): void {
    this.emit('connect-form-cancel', {});
    this.wizard?.send({ type: 'CANCEL' });
  }

  #onRetry(): void {
    if (this.busy || !this.firstInTask('submit')) return;
    this.emit('kit-retry', {});
    this.wizard?.send({ type: 'SUBMIT', consentState: createConsentState() });
  }

  /** The inputs, in order: tenant ID, enrollment URL, remediation URL. */
  get fields(): HTMLInputElement[] {
    return [...this.inputs];
  }

  #field(field: DraftField, label: string, help: string, required: boolean) {
    const error = this.errors[field];
    const errorId = `${field}-error`;
    const helpId = `${field}-help`;
    return html`
      <div part="field">
        <label for=${field}>
          ${label}${required ? nothing : html` <span class="optional">(${this.t.optional})</span>`}
        </label>
        <input
          id=${field}
          name=${field}
          part="input"
          type=${field === 'tenantId' ? 'text' : 'url'}
          inputmode=${field === 'tenantId' ? 'text' : 'url'}
          autocomplete="off"
          spellcheck="false"
          autocapitalize="off"
          ?required=${required}
          aria-required=${required ? 'true' : 'false'}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${errorId} ${helpId}` : helpId}
          .value=${live(this[field])}
          @input=${(event: Event) => this.#onInput(field, event)}
        />
        ${error ? html`<p class="field-error" id=${errorId} part="error">${this.#fieldErrorText(field, error)}</p>` : nothing}
        <p class="help" id=${helpId}>${help}</p>
      </div>
    `;
  }

  /** The sentence of a field error; an unknown code (from a console's `errors`) gets the field's general one. */
  #fieldErrorText(field: DraftField, error: string): string {
    const sentences = this.t.fieldErrors;
    if (Object.hasOwn(sentences, error)) return sentences[error as keyof typeof sentences];
    return field === 'tenantId' ? sentences['tenant-invalid'] : sentences['url-invalid'];
  }

  protected override render() {
    const t = this.t;
    const edit = this.mode === 'edit';
    const invalid = DRAFT_FIELDS.some((field) => this.errors[field] !== undefined);
    return html`
      <form part="form" novalidate aria-labelledby="heading" @submit=${this.#onSubmit}>
        <h3 id="heading" part="heading">${edit ? t.editAccountTitle : t.connectAccountTitle}</h3>
        <p class="type">
          ${t.tenantTypeLabel}: ${this.tenantType === 'gcc-high' ? t.gccHigh : t.standard}
        </p>
        ${this.#field('tenantId', t.tenantId, t.tenantIdHelp, true)}
        ${this.#field('enrollmentUrl', t.enrollmentUrl, t.enrollmentUrlHelp, false)}
        ${this.#field('remediationUrl', t.remediationUrl, t.remediationUrlHelp, false)}
        <p class="visually-hidden" aria-live="polite">${invalid ? t.fixFields : ''}</p>
        ${
          this.error
            ? html`<div class="alert" role="alert" part="alert">
                <span>${this.errorText(this.error)}</span>
                ${
                  this.error.code === 'conflict'
                    ? nothing
                    : html`<button type="button" @click=${this.#onRetry}>${t.retry}</button>`
                }
              </div>`
            : nothing
        }
        <div class="actions">
          <button
            type="submit"
            class="primary"
            part="submit-button"
            aria-disabled=${this.busy ? 'true' : 'false'}
          >
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span> ` : nothing}
            ${edit ? t.saveChanges : t.connectAccount}
          </button>
          ${
            this.hideCancel
              ? nothing
              : html`<button
                  type="button"
                  part="cancel-button"
                  ?disabled=${this.busy}
                  @click=${this.#onCancel}
                >
                  ${t.cancel}
                </button>`
          }
        </div>
      </form>
    `;
  }
}
