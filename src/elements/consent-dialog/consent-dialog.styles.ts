import { css } from 'lit';

/**
 * What only the consent dialog has. The frame (size, shadow, motion, header, scrolling body,
 * footer) comes from `dialogStyles`.
 */
export const styles = css`
  :host {
    display: contents;
  }

  dialog {
    /* The height the dialog opened with (set by the element), so later content scrolls. */
    block-size: var(--_frame-block-size, fit-content);
  }

  dialog::backdrop {
    background: var(--consent-dialog-backdrop, var(--_backdrop));
  }

  #intro {
    margin-block: 0 0.75rem;
  }

  ol {
    padding-inline-start: 1.5rem;
    display: grid;
    gap: 0.5rem;
    margin-block: 0 var(--_space);
  }

  a {
    color: var(--_accent);
    font-weight: 600;
    text-underline-offset: 0.2em;
    overflow-wrap: anywhere;
  }

  .hint {
    background: var(--_raised);
    border-inline-start: 4px solid var(--_accent);
    padding: 0.5rem 0.75rem;
    margin: 0;
  }

  .copy {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-block: 0.75rem;
  }

  .copy [role='status'] {
    color: var(--_muted);
    margin: 0;
  }

  /* Scrolled into view with the body's padding below it. */
  .alert {
    scroll-margin-block: var(--_space);
  }

  .link-field {
    display: grid;
    gap: 0.25rem;
    margin-block-end: 0.5rem;
  }

  .link-field label {
    font-size: 0.875em;
    font-weight: 600;
  }

  /* The box sits on the first line of the label, also when the label wraps. */
  .consent {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    margin-block-start: var(--_space);
    line-height: 1.5;
    font-weight: 500;
    cursor: pointer;
  }

  .consent input {
    flex: none;
    font-size: inherit;
    inline-size: 1.25em;
    block-size: 1.25em;
    margin: 0.125em 0 0;
    accent-color: var(--_accent);
    cursor: inherit;
  }

  .consent:has(input[aria-disabled='true']) {
    color: var(--_muted);
    cursor: not-allowed;
  }

  /* The hint and the status sit beside the buttons and take no room when empty. */
  .dialog-footer {
    align-items: center;
  }

  .footer-note {
    flex: 0 1 auto;
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
`;
