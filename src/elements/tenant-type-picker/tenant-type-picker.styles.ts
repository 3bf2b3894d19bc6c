import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }

  fieldset {
    border: 1px solid var(--tenant-type-picker-border-color, var(--_border));
    border-radius: var(--_radius);
    margin: 0;
    padding: 0.75rem var(--_space) var(--_space);
  }

  legend {
    font-weight: 600;
    padding-inline: 0.25rem;
  }

  .option {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.5rem;
    align-items: start;
    padding-block: 0.375rem;
  }

  .option input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0.125rem 0 0;
    accent-color: var(--_accent);
  }

  .option label {
    font-weight: 500;
    cursor: pointer;
  }

  .option .help {
    grid-column: 2;
  }
`;
