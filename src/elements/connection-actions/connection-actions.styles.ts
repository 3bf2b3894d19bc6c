import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }

  section {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    background: var(--connection-actions-background, var(--_surface));
  }

  h3 {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0 0 0.75rem;
    font-size: 1.125em;
    color: var(--_success);
  }

  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.375rem 1rem;
    margin: 0;
  }

  dt {
    color: var(--_muted);
  }

  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  a {
    color: var(--_accent);
  }

  .guid {
    font-variant-numeric: tabular-nums;
  }

  .attention {
    margin-block: 0 var(--_space);
    padding: 0.75rem;
    border: 2px solid var(--_danger);
    border-inline-start-width: 0.375rem;
    border-radius: var(--_radius);
    background: var(--_raised);
  }

  .attention h4 {
    margin: 0 0 0.25rem;
    font-size: 1em;
    color: var(--_danger);
  }

  .attention p {
    margin: 0 0 0.5rem;
  }

  .attention .since {
    color: var(--_muted);
    font-size: 0.875em;
  }

  .note {
    margin-block: var(--_space) 0;
    color: var(--_muted);
  }

  dialog h2 {
    margin-block: 0 0.5rem;
    font-size: 1.25em;
  }

  [role='status'] {
    margin: 0.5rem 0 0;
    color: var(--_muted);
  }

  @media (forced-colors: active) {
    dialog,
    .attention {
      border-color: CanvasText;
    }
    dialog {
      border: 2px solid CanvasText;
    }
    .attention h4 {
      color: CanvasText;
    }
  }
`;
