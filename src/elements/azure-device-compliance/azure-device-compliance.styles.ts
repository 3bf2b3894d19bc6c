import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }

  h2 {
    margin-block: 0 var(--_space);
    font-size: 1.375em;
  }

  .stack {
    display: grid;
    gap: var(--_space);
  }

  [role='status'] {
    color: var(--_muted);
  }

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

  dialog h3 {
    margin-block: 0 0.5rem;
    font-size: 1.25em;
  }

  @media (forced-colors: active) {
    dialog {
      border: 2px solid CanvasText;
    }
  }
`;
