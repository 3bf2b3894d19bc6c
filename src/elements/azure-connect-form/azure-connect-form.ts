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
import { deepActiveElement } from '../focus.js';
import { KitElement } from '../kit-element.js';
import type { KitEvent } from '../../events.js';
import { renderAlert, renderFieldError } from '../ui.js';
import { styles } from './azure-connect-form.styles.js';

/**
 * The "Connect account" form: the tenant type (a `<tenant-type-picker>` without Add, as the
 * form's first field, so the type is shown once and can still be changed), Azure tenant ID
 * (required), Enrollment URL and Remediation URL (optional, HTTPS only). Every field is checked on
 * submit; each error is shown on its field (icon, weight and an "Error:" prefix, not colour
 * alone), announced, and the first invalid field gets focus. What the admin typed is never
 * cleared.
 *
 * While `busy` the fields are read-only (nothing typed is lost) and the buttons keep focus
 * (`aria-disabled`); saving an edit says "Saving…" in a status region. After a failed save the
 * error box has no button of its own: the submit button is the retry and takes focus (Cancel does
 * for a conflict, which only Cancel resolves), unless the admin is in a field.
 *
 * @summary Tenant type, tenant ID and optional HTTPS URLs, validated inline.
 *
 * @event connect-form-input - A field changed. `detail: { field, value, draft }`.
 * @event tenant-type-change - The admin chose another tenant type in the form. `detail.tenantType`.
 * @event connect-form-submit - Every field is valid. `detail.input` is normalised (lower-case tenant, parsed URLs).
 * @event connect-form-cancel - Cancel was clicked.
 *
 * @csspart form - The form.
 * @csspart heading - The form's title.
 * @csspart tenant-type - The `<tenant-type-picker>` inside the form.
 * @csspart tenant-type-fieldset - The picker's `fieldset`.
 * @csspart tenant-type-legend - The picker's `legend`.
 * @csspart tenant-type-option - The picker's `option`.
 * @csspart field - One label, input, help text and error.
 * @csspart input - Each text input.
 * @csspart error - A field's error message.
 * @csspart status - The status line ("Saving…" while an edit is saved).
 * @csspart submit-button - "Connect account" or "Save changes" (also the retry after a failure).
 * @csspart cancel-button - Cancel.
 * @csspart alert - The message shown when saving (or connecting) failed.
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

  /**
   * Work is in progress (consent or saving): the fields are read-only and the buttons wait. In
   * `edit` mode (outside a consent round trip) the form says "Saving…".
   */
  @property({ type: Boolean, reflect: true }) busy = false;

  /** Hides the Cancel button. */
  @property({ type: Boolean, attribute: 'hide-cancel' }) hideCancel = false;

  /** A failed save, shown above the buttons; the submit button is the retry. */
  @property({ attribute: false }) error?: KitError;

  /** In the shared wizard, the busy state is a consent round trip (the dialog speaks), not a save. */
  #awaitingConsent = false;

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
    this.#awaitingConsent = state.status === 'awaiting-consent' || state.status === 'verifying';
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
    if (!this.firstInTask('cancel')) return;
    this.emit('connect-form-cancel', {});
    this.wizard?.send({ type: 'CANCEL' });
  }

  #onTypeChange(event: KitEvent<'tenant-type-change'>): void {
    this.tenantType = event.detail.tenantType;
    // The picker tells the shared wizard itself; a console without one hears it from the form.
    this.emit('tenant-type-change', { tenantType: this.tenantType });
  }

  /**
   * Focuses the tenant ID, with the caret at the end of what it holds (nothing selected, so a
   * key press cannot replace it); after a failed save, the button that acts on it.
   */
  override focus(options?: FocusOptions): void {
    if (this.error) {
      this.#errorAction()?.focus(options);
      return;
    }
    const tenant = this.renderRoot.querySelector<HTMLInputElement>('input#tenantId');
    if (!tenant) return;
    tenant.focus(options);
    const end = tenant.value.length;
    tenant.setSelectionRange(end, end);
  }

  /** Where the admin acts on a failed save: the submit button (the retry), Cancel on a conflict. */
  #errorAction(): HTMLButtonElement | null {
    const part = this.error?.code === 'conflict' && !this.hideCancel ? 'cancel' : 'submit';
    return this.renderRoot.querySelector<HTMLButtonElement>(`[part="${part}-button"]`);
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    // A new failure: focus moves to its action from a button of the form (or from nowhere),
    // never out of a field the admin is typing in.
    if (changed.has('error') && this.error) {
      const active = deepActiveElement();
      const lost = !active || active === document.body;
      if (lost || (this.renderRoot.contains(active) && active.localName === 'button')) {
        this.#errorAction()?.focus();
      }
    }
  }

  #onCancelClick(): void {
    if (this.busy) return;
    this.#onCancel();
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
        <label for=${field}
          >${label}${
            required ? nothing : html`<span class="optional"> (${this.t.optional})</span>`
          }</label
        >
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
          ?readonly=${this.busy}
          .value=${live(this[field])}
          @input=${(event: Event) => this.#onInput(field, event)}
        />
        ${
          error
            ? renderFieldError(errorId, this.t.errorPrefix, this.#fieldErrorText(field, error))
            : nothing
        }
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
    const saving = this.busy && edit && !this.#awaitingConsent;
    const invalid = DRAFT_FIELDS.some((field) => this.errors[field] !== undefined);
    return html`
      <form part="form" novalidate aria-labelledby="heading" @submit=${this.#onSubmit}>
        <h3 id="heading" part="heading">${edit ? t.editAccountTitle : t.connectAccountTitle}</h3>
        <tenant-type-picker
          part="tenant-type"
          exportparts="fieldset: tenant-type-fieldset, legend: tenant-type-legend, option: tenant-type-option"
          hide-add
          .strings=${this.strings}
          .value=${this.tenantType}
          ?disabled=${this.busy}
          @tenant-type-change=${this.#onTypeChange}
        ></tenant-type-picker>
        ${this.#field('tenantId', t.tenantId, t.tenantIdHelp, true)}
        ${this.#field('enrollmentUrl', t.enrollmentUrl, t.enrollmentUrlHelp, false)}
        ${this.#field('remediationUrl', t.remediationUrl, t.remediationUrlHelp, false)}
        <p class="visually-hidden" aria-live="polite">${invalid ? t.fixFields : ''}</p>
        ${
          this.error
            ? renderAlert({
                title: edit ? t.saveFailedTitle : t.connectFailedTitle,
                text: this.errorText(this.error),
              })
            : nothing
        }
        <div class="actions">
          <button
            type="submit"
            class=${this.busy ? 'primary busy' : 'primary'}
            part="submit-button"
            aria-disabled=${this.busy ? 'true' : 'false'}
          >
            ${this.busy && !saving ? html`<span class="spinner" aria-hidden="true"></span> ` : nothing}
            ${edit ? t.saveChanges : t.connectAccount}
          </button>
          ${
            this.hideCancel
              ? nothing
              : html`<button
                  type="button"
                  part="cancel-button"
                  class=${this.busy ? 'busy' : ''}
                  aria-disabled=${this.busy ? 'true' : 'false'}
                  @click=${this.#onCancelClick}
                >
                  ${t.cancel}
                </button>`
          }
          <p class="status" role="status" part="status">
            ${saving ? html`<span class="spinner" aria-hidden="true"></span> ${t.saving}` : nothing}
          </p>
        </div>
      </form>
    `;
  }
}
