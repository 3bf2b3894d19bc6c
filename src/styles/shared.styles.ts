import { css } from 'lit';

/**
 * Kit-wide design tokens and the few patterns every element shares (buttons, fields, messages).
 * Every token reads a public `--acc-*` custom property first, so a console themes the whole kit
 * from one place; colours use `light-dark()` and follow the page's `color-scheme`.
 */
export const tokens = css`
  :host {
    --_font: var(--acc-font-family, inherit);
    --_text: var(--acc-color-text, light-dark(#1b1f24, #e8eaed));
    --_muted: var(--acc-color-muted, light-dark(#4f5660, #b4bac2));
    --_surface: var(--acc-color-surface, light-dark(#ffffff, #1f2227));
    --_raised: var(--acc-color-raised, light-dark(#f5f7fa, #2a2e35));
    --_border: var(--acc-color-border, light-dark(#8a929c, #6f7782));
    --_accent: var(--acc-color-accent, light-dark(#0a5fb4, #5aa6f0));
    --_on-accent: var(--acc-color-on-accent, light-dark(#ffffff, #0b1724));
    --_danger: var(--acc-color-danger, light-dark(#b3261e, #ff8a80));
    --_danger-strong: var(--acc-color-danger-strong, light-dark(#b3261e, #c42b1c));
    --_on-danger: var(--acc-color-on-danger, #ffffff);
    --_danger-surface: var(
      --acc-color-danger-surface,
      color-mix(in srgb, var(--_danger) 10%, var(--_surface))
    );
    --_success: var(--acc-color-success, light-dark(#1e6b34, #7fd495));
    --_focus: var(--acc-color-focus, light-dark(#0a5fb4, #9ccaff));
    --_radius: var(--acc-radius, 0.375rem);
    --_space: var(--acc-space, 1rem);
    --_shadow: var(--acc-shadow-dialog, 0 0.5rem 2rem rgb(0 0 0 / 0.3));
    --_backdrop: var(--acc-dialog-backdrop, rgb(0 0 0 / 0.45));
    font-family: var(--_font);
    color: var(--_text);
  }

  :host([theme='light']) {
    color-scheme: light;
  }

  :host([theme='dark']) {
    color-scheme: dark;
  }

  :host([hidden]) {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  button {
    font: inherit;
    min-block-size: 2.5rem;
    min-inline-size: 2.5rem;
    padding-block: 0.5rem;
    padding-inline: 1rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
  }

  button:hover:not(:disabled, [aria-disabled='true']) {
    background: color-mix(in srgb, var(--_text) 7%, var(--_surface));
  }

  button:active:not(:disabled, [aria-disabled='true']) {
    background: color-mix(in srgb, var(--_text) 14%, var(--_surface));
  }

  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }

  button.primary:hover:not(:disabled, [aria-disabled='true']) {
    background: color-mix(in srgb, var(--_accent) 86%, var(--_text));
  }

  button.primary:active:not(:disabled, [aria-disabled='true']) {
    background: color-mix(in srgb, var(--_accent) 72%, var(--_text));
  }

  /* A destructive action that asks for confirmation: red text and border, no fill. */
  button.danger-outline {
    border-color: var(--_danger);
    color: var(--_danger);
  }

  button.danger-outline:hover:not(:disabled, [aria-disabled='true']) {
    background: var(--_danger-surface);
  }

  button.danger-outline:active:not(:disabled, [aria-disabled='true']) {
    background: color-mix(in srgb, var(--_danger) 20%, var(--_surface));
  }

  /* The destructive action itself, in a confirmation: the strong red. */
  button.danger {
    background: var(--_danger-strong);
    border-color: var(--_danger-strong);
    color: var(--_on-danger);
  }

  button.danger:hover:not(:disabled, [aria-disabled='true']) {
    background: color-mix(in srgb, var(--_danger-strong) 86%, #000000);
  }

  button.danger:active:not(:disabled, [aria-disabled='true']) {
    background: color-mix(in srgb, var(--_danger-strong) 72%, #000000);
  }

  button:disabled,
  button[aria-disabled='true'] {
    background: var(--_raised);
    border-color: color-mix(in srgb, var(--_border) 60%, transparent);
    color: var(--_muted);
    cursor: not-allowed;
  }

  button.busy[aria-disabled='true'] {
    cursor: progress;
  }

  .close-button {
    display: inline-grid;
    place-items: center;
    padding: 0;
    border-color: transparent;
    background: transparent;
    color: var(--_muted);
  }

  .icon {
    inline-size: 1.25em;
    block-size: 1.25em;
    flex: none;
  }

  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  input[type='text'],
  input[type='url'],
  input:not([type]) {
    font: inherit;
    inline-size: 100%;
    min-block-size: 2.5rem;
    padding-block: 0.375rem;
    padding-inline: 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }

  .help {
    color: var(--_muted);
    font-size: 0.875em;
    margin-block: 0.25rem 0;
  }

  .field-error {
    display: flex;
    gap: 0.375rem;
    align-items: flex-start;
    color: var(--_danger);
    font-size: 0.875em;
    font-weight: 600;
    margin-block: 0.25rem 0;
  }

  .field-error .icon {
    inline-size: 1.125em;
    block-size: 1.125em;
    margin-block-start: 0.1em;
  }

  .alert {
    display: flex;
    gap: 0.625rem;
    align-items: flex-start;
    margin-block: 0.75rem 0;
    padding: 0.75rem;
    border: 1px solid var(--_danger);
    border-inline-start-width: 0.25rem;
    border-radius: var(--_radius);
    background: var(--_danger-surface);
    color: var(--_text);
  }

  .alert > .icon {
    color: var(--_danger);
    margin-block-start: 0.0625rem;
  }

  .alert-body {
    display: grid;
    gap: 0.5rem;
    min-inline-size: 0;
  }

  .alert-title {
    display: block;
  }

  .alert-text {
    overflow-wrap: anywhere;
  }

  .alert-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: var(--_space);
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  .spinner {
    display: inline-block;
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
    vertical-align: -0.125em;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
      border-inline-end-color: currentColor;
      border-block-end-color: transparent;
    }
  }

  @media (forced-colors: active) {
    button,
    input {
      border: 1px solid ButtonText;
    }
    /* Primary is filled, a destructive action is outlined twice: told apart without colour. */
    button.primary {
      forced-color-adjust: none;
      background: Highlight;
      border-color: Highlight;
      color: HighlightText;
    }
    button.danger,
    button.danger-outline {
      border: 3px double ButtonText;
    }
    button:disabled,
    button[aria-disabled='true'] {
      forced-color-adjust: none;
      background: Canvas;
      border: 1px dashed GrayText;
      color: GrayText;
    }
    .close-button {
      border-color: transparent;
    }
    :focus-visible {
      outline-color: Highlight;
    }
    .field-error,
    .alert {
      color: CanvasText;
    }
    .alert {
      border: 2px solid CanvasText;
      border-inline-start-width: 0.375rem;
    }
  }
`;

/**
 * The kit's dialogs (consent, disconnect, reconnect, reset): one size, shadow, motion and
 * backdrop. A header with the title and a close button and a footer with the actions stay in view;
 * only the body between them scrolls (200 % zoom, short viewports).
 */
export const dialogStyles = css`
  dialog {
    font-family: var(--_font);
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 2);
    padding: 0;
    inline-size: min(36rem, calc(100vw - 2rem));
    max-block-size: calc(100dvh - 2rem);
    box-shadow: var(--_shadow);
    overflow: hidden;
  }

  dialog[open] {
    display: flex;
    flex-direction: column;
  }

  dialog::backdrop {
    background: var(--_backdrop);
  }

  .dialog-header {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.5rem;
    padding: calc(var(--_space) * 1.25) calc(var(--_space) * 1.5) 0.5rem;
  }

  .dialog-header h2 {
    margin: 0;
    font-size: 1.25em;
    line-height: 1.3;
    padding-block-start: 0.3rem;
  }

  .dialog-body {
    flex: 1 1 auto;
    min-block-size: 0;
    overflow-y: auto;
    padding: 0.25rem calc(var(--_space) * 1.5) var(--_space);
  }

  .dialog-body > :first-child {
    margin-block-start: 0;
  }

  .dialog-body > :last-child {
    margin-block-end: 0;
  }

  .dialog-footer {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-block-start: 1px solid color-mix(in srgb, var(--_border) 45%, transparent);
  }

  @media (prefers-reduced-motion: no-preference) {
    dialog[open] {
      animation: dialog-appear 150ms ease-out;
    }
    dialog[open]::backdrop {
      animation: backdrop-appear 150ms ease-out;
    }
  }

  @keyframes dialog-appear {
    from {
      opacity: 0;
      transform: translateY(0.5rem);
    }
  }

  @keyframes backdrop-appear {
    from {
      opacity: 0;
    }
  }

  @media (forced-colors: active) {
    dialog {
      border: 2px solid CanvasText;
    }
    .dialog-footer {
      border-block-start: 1px solid CanvasText;
    }
  }
`;
