import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
  }

  section {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    background: var(--azure-connection-health-background, var(--_surface));
  }

  h3 {
    margin: 0 0 0.75rem;
    font-size: 1.125em;
  }

  /* One column on narrow screens (320 px), label beside value when there is room. */
  dl {
    display: grid;
    grid-template-columns: 1fr;
    gap: 0.125rem;
    margin: 0;
  }

  dt {
    color: var(--_muted);
  }

  dt:not(:first-child) {
    margin-block-start: 0.5rem;
  }

  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  @container (min-inline-size: 34rem) {
    dl {
      grid-template-columns: max-content 1fr;
      gap: 0.5rem 1rem;
    }

    dt:not(:first-child) {
      margin-block-start: 0;
    }
  }

  .icon {
    display: inline-block;
    min-inline-size: 1.25em;
    font-weight: 700;
    text-align: center;
  }

  .state,
  .outcome,
  .warning {
    display: flex;
    gap: 0.375rem;
    align-items: baseline;
  }

  [data-tone='good'] > .icon {
    color: var(--_success);
  }

  [data-tone='warning'] > .icon,
  [data-tone='bad'] > .icon {
    color: var(--_danger);
  }

  .absolute {
    color: var(--_muted);
    font-size: 0.875em;
  }

  .warning {
    margin: 0.375rem 0 0;
    padding: 0.375rem 0.5rem;
    border: 1px solid var(--_danger);
    border-inline-start-width: 0.375rem;
    border-radius: var(--_radius);
    background: var(--_raised);
  }

  .warning > .icon {
    color: var(--_danger);
  }

  .outcome {
    margin: 0.25rem 0 0;
  }

  .platforms {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .platform {
    font-weight: 600;
    margin-inline-end: 0.375rem;
  }

  [data-onboarded='true'] .icon {
    color: var(--_success);
  }

  [data-onboarded='false'] .onboarding {
    color: var(--_muted);
  }

  .reconnect {
    margin-block-start: 0.5rem;
  }

  .unsupported {
    margin: 0;
    color: var(--_muted);
  }

  .announce {
    margin: 0.75rem 0 0;
  }

  .announce:empty {
    margin: 0;
  }

  .announce[data-tone='bad'] {
    color: var(--_danger);
  }

  @media (forced-colors: active) {
    section,
    .warning {
      border-color: CanvasText;
    }
    .icon,
    .announce[data-tone='bad'],
    [data-onboarded='false'] .onboarding {
      color: CanvasText;
    }
  }
`;
