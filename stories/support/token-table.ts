import { css, html, LitElement } from 'lit';
import { tokens } from '../../src/styles/shared.styles.js';

/** One public design token: the `--acc-*` property and the kit's internal token it feeds. */
export interface Token {
  readonly property: string;
  readonly internal: string;
}

/**
 * The kit's public tokens, read from the shared style sheet itself (`--_x: var(--acc-y, …)`),
 * so this page lists exactly what the elements read, in their order.
 */
export function kitTokens(): Token[] {
  const found: Token[] = [];
  for (const match of tokens.cssText.matchAll(/(--_[a-z-]+):\s*var\(\s*(--acc-[a-z-]+)/g)) {
    const [, internal, property] = match;
    if (internal && property) found.push({ property, internal });
  }
  return found;
}

const isColour = (token: Token) => token.property.startsWith('--acc-color-');

/**
 * A table of every token with its live value: colour swatches, the radius on a box, the space as
 * a bar, the shadow on a card, the font as a sample. It adopts the kit's own token sheet, so the
 * values are the elements' defaults (or what the page set on an ancestor), in the scheme of its
 * `theme` attribute.
 */
export class KitTokenTable extends LitElement {
  static override properties = { theme: { reflect: true } };
  declare theme: 'light' | 'dark';

  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        background: var(--_surface);
        color: var(--_text);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 1rem;
      }
      table {
        border-collapse: collapse;
        inline-size: 100%;
      }
      caption {
        text-align: start;
        font-weight: 600;
        padding-block-end: 0.5rem;
      }
      th,
      td {
        text-align: start;
        padding: 0.375rem 0.5rem;
        border-block-end: 1px solid color-mix(in srgb, var(--_border) 40%, transparent);
        vertical-align: middle;
      }
      code {
        font-size: 0.875em;
      }
      .swatch {
        inline-size: 3rem;
        block-size: 1.5rem;
        border: 1px solid var(--_border);
        border-radius: 0.25rem;
      }
      .radius {
        inline-size: 3rem;
        block-size: 1.5rem;
        border: 2px solid var(--_accent);
      }
      .space {
        block-size: 0.5rem;
        background: var(--_accent);
      }
      /* A dialog's surface with its edge, so the sample shows in dark too, where a shadow is faint. */
      .shadow {
        inline-size: 3rem;
        block-size: 1.5rem;
        background: var(--_surface);
        border: 1px solid color-mix(in srgb, var(--_border) 60%, transparent);
        border-radius: 0.25rem;
      }
    `,
  ];

  constructor() {
    super();
    this.theme = 'light';
  }

  #sample(token: Token) {
    const value = `var(${token.internal})`;
    if (isColour(token)) return html`<div class="swatch" style="background: ${value}"></div>`;
    switch (token.property) {
      case '--acc-radius':
        return html`<div class="radius" style="border-radius: ${value}"></div>`;
      case '--acc-space':
        return html`<div class="space" style="inline-size: ${value}"></div>`;
      case '--acc-shadow-dialog':
        return html`<div class="shadow" style="box-shadow: ${value}"></div>`;
      case '--acc-dialog-backdrop':
        return html`<div class="swatch" style="background: ${value}"></div>`;
      default:
        return html`<span style="font-family: ${value}">Azure tenant ID</span>`;
    }
  }

  protected override render() {
    return html`<table>
      <caption>
        ${this.theme === 'dark' ? 'Dark' : 'Light'}
      </caption>
      <thead>
        <tr>
          <th scope="col">Property</th>
          <th scope="col">Sample</th>
        </tr>
      </thead>
      <tbody>
        ${kitTokens().map(
          (token) =>
            html`<tr>
              <td><code>${token.property}</code></td>
              <td>${this.#sample(token)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

if (!customElements.get('kit-token-table')) customElements.define('kit-token-table', KitTokenTable);
