import { html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { WizardContextValue } from '../../context.js';
import { TENANT_TYPES, isTenantType, type TenantType } from '../../core/cloud.js';
import { draftOf } from '../../core/machine.js';
import { tokens } from '../../styles/shared.styles.js';
import { KitElement } from '../kit-element.js';
import { styles } from './tenant-type-picker.styles.js';

/**
 * Picks the tenant type, Standard (`.com` endpoints) or GCC High (`.us` endpoints), then
 * "Add Azure account". `<azure-connect-form>` shows it (without Add) as its first field.
 * A real radio group (one Tab stop, arrow keys move and select) and a form control: inside a
 * `<form>` it submits `name=value`, resets and restores like a native input.
 *
 * @summary Tenant type radio group (Standard / GCC High) with an "Add Azure account" button.
 *
 * @event tenant-type-change - The admin chose a tenant type. `detail.tenantType`.
 * @event change - Native-style change event, for form libraries.
 * @event tenant-type-add - The admin clicked Add. `detail.tenantType`.
 *
 * @csspart fieldset - The group around the radios.
 * @csspart legend - The group's title.
 * @csspart option - One radio with its label and hint.
 * @csspart add-button - The "Add Azure account" button.
 *
 * @cssprop --tenant-type-picker-border-color - Border of the group.
 */
export class TenantTypePicker extends KitElement {
  static override styles = [tokens, styles];
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = {
    ...KitElement.shadowRootOptions,
    delegatesFocus: true,
  };

  /**
   * The chosen tenant type: `standard` or `gcc-high`. As with native inputs, the `value`
   * attribute is the default that `form.reset()` restores; the property is the current choice.
   */
  @property() value: TenantType = 'standard';

  /** Name under which the value is submitted with a form. */
  @property({ reflect: true }) name = '';

  /** Disables the radios and the Add button. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Hides the Add button (when the picker is used as a plain form field). */
  @property({ type: Boolean, attribute: 'hide-add' }) hideAdd = false;

  @query('input:checked') private checkedRadio?: HTMLInputElement;

  readonly #internals = this.attachInternals();
  #formDisabled = false;

  /** The form this control belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('value') && !isTenantType(this.value)) {
      console.warn(`tenant-type-picker: unknown value "${String(this.value)}", using "standard".`);
      this.value = 'standard';
    }
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('value')) this.#internals.setFormValue(this.value);
  }

  protected syncFromWizard(wizard: WizardContextValue): void {
    const draft = draftOf(wizard.state);
    if (draft) this.value = draft.tenantType;
  }

  formResetCallback(): void {
    const initial = this.getAttribute('value');
    this.value = isTenantType(initial) ? initial : 'standard';
  }

  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.requestUpdate();
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (isTenantType(state)) this.value = state;
  }

  /** Moves focus to the checked radio. */
  override focus(options?: FocusOptions): void {
    (this.checkedRadio ?? this.renderRoot.querySelector('input'))?.focus(options);
  }

  #onChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (!isTenantType(input.value)) return;
    this.value = input.value;
    this.emit('tenant-type-change', { tenantType: this.value });
    this.dispatchEvent(new Event('change', { bubbles: true }));
    this.wizard?.send({ type: 'SELECT_TENANT_TYPE', tenantType: this.value });
  }

  #onAdd(): void {
    if (!this.firstInTask('add')) return;
    this.emit('tenant-type-add', { tenantType: this.value });
    this.wizard?.send({ type: 'ADD' });
  }

  protected override render() {
    const t = this.t;
    const disabled = this.disabled || this.#formDisabled;
    const labels: Record<TenantType, [string, string]> = {
      standard: [t.standard, t.standardHint],
      'gcc-high': [t.gccHigh, t.gccHighHint],
    };
    return html`
      <fieldset part="fieldset" ?disabled=${disabled}>
        <legend part="legend">${t.tenantTypeLegend}</legend>
        ${TENANT_TYPES.map(
          (type) => html`
            <div class="option" part="option">
              <input
                type="radio"
                id="type-${type}"
                name="tenant-type"
                .value=${type}
                .checked=${this.value === type}
                aria-describedby="hint-${type}"
                @change=${this.#onChange}
              />
              <label for="type-${type}">${labels[type][0]}</label>
              <p class="help" id="hint-${type}">${labels[type][1]}</p>
            </div>
          `,
        )}
      </fieldset>
      ${
        this.hideAdd
          ? nothing
          : html`<div class="actions">
              <button
                type="button"
                class="primary"
                part="add-button"
                ?disabled=${disabled}
                @click=${this.#onAdd}
              >
                ${t.addAzureAccount}
              </button>
            </div>`
      }
    `;
  }
}
