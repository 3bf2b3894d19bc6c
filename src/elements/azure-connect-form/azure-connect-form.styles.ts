import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }

  form {
    display: grid;
    gap: var(--_space);
    max-inline-size: var(--azure-connect-form-max-width, 40rem);
  }

  h3 {
    margin: 0;
    font-size: 1.125em;
  }

  .type {
    margin: 0;
    color: var(--_muted);
  }

  label {
    display: block;
    font-weight: 500;
    margin-block-end: 0.25rem;
  }

  .optional {
    font-weight: 400;
    color: var(--_muted);
  }

  .actions {
    margin-block-start: 0;
  }
`;
