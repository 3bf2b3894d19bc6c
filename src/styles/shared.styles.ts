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
    --_on-danger: var(--acc-color-on-danger, light-dark(#ffffff, #2b0906));
    --_success: var(--acc-color-success, light-dark(#1e6b34, #7fd495));
    --_focus: var(--acc-color-focus, light-dark(#0a5fb4, #9ccaff));
    --_radius: var(--acc-radius, 0.375rem);
    --_space: var(--acc-space, 1rem);
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

  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }

  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_on-danger);
  }

  button:disabled,
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
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

  .field-error,
  .alert {
    color: var(--_danger);
    font-size: 0.875em;
    margin-block: 0.25rem 0;
  }

  .alert {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
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
    button.primary,
    button.danger {
      forced-color-adjust: none;
      background: ButtonText;
      color: ButtonFace;
    }
    :focus-visible {
      outline-color: Highlight;
    }
    .field-error,
    .alert {
      color: CanvasText;
    }
  }
`;

/** The kit's confirmation dialogs (disconnect, reconnect, reset): a modal panel on a dimmed page. */
export const confirmDialogStyles = css`
  dialog {
    font-family: var(--_font);
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 2);
    padding: calc(var(--_space) * 1.5);
    inline-size: min(32rem, calc(100vw - 2rem));
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }

  @media (forced-colors: active) {
    dialog {
      border: 2px solid CanvasText;
    }
  }
`;
