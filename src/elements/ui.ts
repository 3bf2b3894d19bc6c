import { html, nothing, svg, type TemplateResult } from 'lit';

/**
 * The few pieces of markup every element draws the same way: the error icon, the error box, a
 * field's error line and the dialogs' close button. Styles are in `shared.styles.ts`.
 */

/** A circled exclamation mark in the text colour; hidden from assistive technology. */
export const errorIcon = html`<svg
  class="icon"
  viewBox="0 0 16 16"
  aria-hidden="true"
  focusable="false"
>
  ${svg`<path
    fill="currentColor"
    d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM8 10a1 1 0 1 1 0 2 1 1 0 0 1 0-2Zm0-6a.75.75 0 0 1 .75.75v4a.75.75 0 0 1-1.5 0v-4A.75.75 0 0 1 8 4Z"
  />`}
</svg>`;

/** A cross in the text colour; hidden from assistive technology. */
export const closeIcon = html`<svg
  class="icon"
  viewBox="0 0 16 16"
  aria-hidden="true"
  focusable="false"
>
  ${svg`<path
    fill="currentColor"
    d="M3.47 3.47a.75.75 0 0 1 1.06 0L8 6.94l3.47-3.47a.75.75 0 1 1 1.06 1.06L9.06 8l3.47 3.47a.75.75 0 1 1-1.06 1.06L8 9.06l-3.47 3.47a.75.75 0 0 1-1.06-1.06L6.94 8 3.47 4.53a.75.75 0 0 1 0-1.06Z"
  />`}
</svg>`;

export interface AlertOptions {
  /** Short title in bold: what failed. */
  readonly title: string;
  /** The error's sentence: why, and who must act. */
  readonly text: string;
  /** The `part` of the box (default `alert`). */
  readonly part?: string;
  /** Buttons shown under the text, outside the announced region. */
  readonly actions?: TemplateResult | typeof nothing;
}

/**
 * An error box: icon, tinted surface, title and text. Only the title and text are in the
 * `role="alert"` region, so a screen reader announces the message without the buttons' names.
 */
export function renderAlert({
  title,
  text,
  part = 'alert',
  actions = nothing,
}: AlertOptions): TemplateResult {
  return html`<div class="alert" part=${part}>
    ${errorIcon}
    <div class="alert-body">
      <div role="alert" class="alert-message">
        <strong class="alert-title">${title}</strong>
        <span class="alert-text">${text}</span>
      </div>
      ${actions === nothing ? nothing : html`<div class="alert-actions">${actions}</div>`}
    </div>
  </div>`;
}

/**
 * A field's error line: the icon and weight tell it from help text without colour, and the
 * prefix ("Error:") is read before it.
 */
export function renderFieldError(id: string, prefix: string, text: string): TemplateResult {
  return html`<p class="field-error" id=${id} part="error">
    ${errorIcon}<span class="visually-hidden">${prefix} </span><span>${text}</span>
  </p>`;
}

/** The close button of a dialog's header. */
export function renderCloseButton(
  label: string,
  onClick: (event: Event) => void,
  disabled = false,
  part = 'close-button',
): TemplateResult {
  return html`<button
    type="button"
    class="close-button"
    part=${part}
    aria-label=${label}
    aria-disabled=${disabled ? 'true' : 'false'}
    @click=${onClick}
  >
    ${closeIcon}
  </button>`;
}
