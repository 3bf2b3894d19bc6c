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

  dialog h3 {
    margin-block: 0 0.5rem;
    font-size: 1.25em;
  }
`;
