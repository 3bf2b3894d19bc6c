import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }

  h2 {
    margin-block: 0 var(--_space);
    font-size: 1.375em;
    overflow-wrap: break-word;
  }

  /* One column that may shrink below its content's width: nothing scrolls sideways at 320 px. */
  .stack {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }

  [role='status'] {
    color: var(--_muted);
  }

  .alert {
    margin-block: 0;
  }
`;
