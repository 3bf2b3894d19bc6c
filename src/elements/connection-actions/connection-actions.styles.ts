import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }

  /* No box of its own: it sits in the console's card. The details query its width. */
  section {
    container: connection-actions / inline-size;
    border-radius: var(--_radius);
    background: var(--connection-actions-background, transparent);
  }

  h3 {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0 0 0.75rem;
    font-size: 1.125em;
    color: var(--_success);
  }

  /* Label beside value when there is room. */
  dl {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.375rem 1rem;
    margin: 0;
  }

  dt {
    color: var(--_muted);
  }

  dd {
    margin: 0;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }

  /* Narrow (320 px screens, a side panel): label over value, so values keep the whole width. */
  @container connection-actions (inline-size < 30rem) {
    dl {
      grid-template-columns: minmax(0, 1fr);
      gap: 0.125rem;
    }

    dt:not(:first-child) {
      margin-block-start: 0.5rem;
    }
  }

  a {
    color: var(--_accent);
  }

  .guid {
    font-variant-numeric: tabular-nums;
  }

  .attention {
    margin-block: 0 var(--_space);
  }

  .attention h4 {
    margin: 0;
    font-size: 1em;
  }

  .attention p {
    margin: 0.25rem 0 0;
  }

  .attention .since {
    color: var(--_muted);
    font-size: 0.875em;
  }

  .note {
    margin-block: var(--_space) 0;
    color: var(--_muted);
  }

  .announce {
    margin: 0.5rem 0 0;
    color: var(--_muted);
  }

  /* Takes no room until it has something to say. */
  .announce:not(:has(.spinner)) {
    margin: 0;
  }
`;
