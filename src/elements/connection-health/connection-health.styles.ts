import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }

  /* No box inside the console's card: a quiet separator and the heading set the panel apart. */
  section {
    container: connection-health / inline-size;
    padding-block-start: var(--_space);
    border-block-start: 1px solid color-mix(in srgb, var(--_border) 45%, transparent);
    background: var(--azure-connection-health-background, transparent);
  }

  h3 {
    margin: 0 0 0.75rem;
    font-size: 1.125em;
  }

  /* One column on narrow screens (320 px), label beside value when there is room. */
  .details {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.125rem;
    margin: 0;
  }

  .details > dt {
    color: var(--_muted);
  }

  .details > dt:not(:first-child) {
    margin-block-start: 0.5rem;
  }

  .details > dd {
    margin: 0;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }

  @container connection-health (inline-size >= 34rem) {
    .details {
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 0.5rem 1rem;
    }

    .details > dt:not(:first-child) {
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
    border-inline-start-width: 0.25rem;
    border-radius: var(--_radius);
    background: var(--_danger-surface);
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
  }

  .platforms > div {
    display: flex;
    gap: 0.375rem;
    align-items: baseline;
  }

  .platforms dt,
  .platforms dd {
    margin: 0;
  }

  .platform {
    font-weight: 600;
    color: var(--_text);
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
