import { css } from 'lit';

export const styles = css`
  :host {
    display: contents;
  }

  dialog {
    font-family: var(--_font);
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 2);
    padding: calc(var(--_space) * 1.5);
    inline-size: min(36rem, calc(100vw - 2rem));
    box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.3);
  }

  dialog::backdrop {
    background: var(--consent-dialog-backdrop, rgb(0 0 0 / 0.45));
  }

  h2 {
    margin-block: 0 0.5rem;
    font-size: 1.25em;
  }

  ol {
    padding-inline-start: 1.5rem;
    display: grid;
    gap: 0.5rem;
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

  .consent {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.5rem;
    margin-block-start: var(--_space);
    font-weight: 500;
  }

  .consent input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    accent-color: var(--_accent);
  }

  [role='status'] {
    color: var(--_muted);
    min-block-size: 1.25em;
    margin: 0;
  }

  @media (prefers-reduced-motion: no-preference) {
    dialog[open] {
      animation: appear 150ms ease-out;
    }
  }

  @keyframes appear {
    from {
      opacity: 0;
      transform: translateY(0.5rem);
    }
  }

  @media (forced-colors: active) {
    dialog {
      border: 2px solid CanvasText;
    }
  }
`;
