import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }

  /* One column: the tenant type's fieldset and the inputs share one width. */
  form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
    max-inline-size: var(--azure-connect-form-max-width, 40rem);
  }

  h3 {
    margin: 0;
    font-size: 1.125em;
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

  input[readonly] {
    background: var(--_raised);
    color: var(--_muted);
  }

  .help,
  .field-error {
    overflow-wrap: anywhere;
  }

  /* The form's gap already spaces the error box. */
  .alert {
    margin-block: 0;
  }

  .actions {
    margin-block-start: 0;
    align-items: center;
  }

  /* Always rendered (a live region must exist before its text changes), empty when idle. */
  .status {
    margin: 0;
    color: var(--_muted);
  }
`;
