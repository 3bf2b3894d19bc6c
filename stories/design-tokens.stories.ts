import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { expect } from 'storybook/test';
import manifest from '../custom-elements.json';
import { ACTOR, CLIENT_ID, CONNECTION, REDIRECT_URI } from './support/fixtures.js';
import { adapterOf, withAdapter } from './support/compliance.js';
import { kitTokens } from './support/token-table.js';

interface ElementProperty {
  readonly tag: string;
  readonly name: string;
  readonly description: string;
}

/** Each element's own CSS properties, from the manifest (the `@cssprop` JSDoc). */
function elementProperties(): ElementProperty[] {
  type Declaration = {
    readonly tagName?: string;
    readonly cssProperties?: readonly { readonly name: string; readonly description?: string }[];
  };
  const modules = manifest.modules as readonly { readonly declarations?: Declaration[] }[];
  const found: ElementProperty[] = [];
  for (const module of modules) {
    for (const declaration of module.declarations ?? []) {
      const tag = declaration.tagName;
      if (!tag) continue;
      for (const property of declaration.cssProperties ?? []) {
        if (property.name.startsWith('--acc-')) continue;
        found.push({ tag, name: property.name, description: property.description ?? '' });
      }
    }
  }
  return found;
}

interface PlaygroundArgs {
  accent: string;
  onAccent: string;
  danger: string;
  dangerStrong: string;
  text: string;
  muted: string;
  surface: string;
  border: string;
  radius: string;
  space: string;
  font: string;
}

const meta: Meta<PlaygroundArgs> = {
  title: 'Design tokens',
  parameters: { layout: 'fullscreen' },
};

export default meta;
type Story = StoryObj<PlaygroundArgs>;

/**
 * Every `--acc-*` property the elements read, with its default in light and in dark (live: the
 * tables adopt the kit's own token sheet), and each element's own properties. Set any of them on
 * an ancestor of the elements, for instance the console's page.
 */
export const Tokens: Story = {
  render: () => html`
    <div style="display: grid; gap: 1.5rem">
      <div
        style="display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem"
      >
        <kit-token-table theme="light"></kit-token-table>
        <kit-token-table theme="dark"></kit-token-table>
      </div>
      <table>
        <caption style="text-align: start; font-weight: 600">
          Properties of one element
        </caption>
        <thead>
          <tr>
            <th scope="col" style="text-align: start">Element</th>
            <th scope="col" style="text-align: start">Property</th>
            <th scope="col" style="text-align: start">Used for</th>
          </tr>
        </thead>
        <tbody>
          ${elementProperties().map(
            ({ tag, name, description }) =>
              html`<tr>
                <td><code>&lt;${tag}&gt;</code></td>
                <td><code>${name}</code></td>
                <td>${description}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  `,
  play: async ({ canvasElement }) => {
    // Every public token is listed, in both schemes.
    const tables = [...canvasElement.querySelectorAll('kit-token-table')];
    await expect(tables).toHaveLength(2);
    for (const table of tables) {
      await (table as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      const listed = [...(table.shadowRoot?.querySelectorAll('tbody code') ?? [])].map(
        (code) => code.textContent,
      );
      await expect(listed).toEqual(kitTokens().map(({ property }) => property));
    }
    await expect(kitTokens().length).toBeGreaterThan(15);
  },
};

/**
 * The composite, connected, themed by the controls: each one sets an `--acc-*` property on the
 * element, as a console sets them on its page.
 */
export const ThemingPlayground: Story = {
  name: 'Theming playground',
  args: {
    accent: '#0a5fb4',
    onAccent: '#ffffff',
    danger: '#b3261e',
    dangerStrong: '#b3261e',
    text: '#1b1f24',
    muted: '#4f5660',
    surface: '#ffffff',
    border: '#8a929c',
    radius: '0.375rem',
    space: '1rem',
    font: 'inherit',
  },
  argTypes: {
    accent: { control: 'color', description: '`--acc-color-accent`' },
    onAccent: { control: 'color', description: '`--acc-color-on-accent`' },
    danger: { control: 'color', description: '`--acc-color-danger`' },
    dangerStrong: { control: 'color', description: '`--acc-color-danger-strong`' },
    text: { control: 'color', description: '`--acc-color-text`' },
    muted: { control: 'color', description: '`--acc-color-muted`' },
    surface: { control: 'color', description: '`--acc-color-surface`' },
    border: { control: 'color', description: '`--acc-color-border`' },
    radius: {
      control: 'inline-radio',
      options: ['0', '0.375rem', '0.75rem', '999px'],
      description: '`--acc-radius`',
    },
    space: {
      control: 'inline-radio',
      options: ['0.75rem', '1rem', '1.25rem'],
      description: '`--acc-space`',
    },
    font: {
      control: 'select',
      options: ['inherit', "'Segoe UI', system-ui, sans-serif", 'Georgia, serif', 'monospace'],
      description: '`--acc-font-family`',
    },
  },
  // Changing a control draws the story again on the same backend, without a reload.
  loaders: withAdapter({ connection: CONNECTION }),
  render: (args, { loaded }) => {
    const style = {
      '--acc-color-accent': args.accent,
      '--acc-color-on-accent': args.onAccent,
      '--acc-color-danger': args.danger,
      '--acc-color-danger-strong': args.dangerStrong,
      '--acc-color-text': args.text,
      '--acc-color-muted': args.muted,
      '--acc-color-surface': args.surface,
      '--acc-color-border': args.border,
      '--acc-radius': args.radius,
      '--acc-space': args.space,
      '--acc-font-family': args.font,
    };
    // The tokens here are light colours: the element is forced light, on its own surface, so
    // the playground reads the same on a dark page.
    return html`
      <div
        style="background: ${args.surface}; border-radius: 0.5rem; padding: 1rem; color-scheme: light"
      >
        <azure-device-compliance
          style=${styleMap(style)}
          theme="light"
          .adapter=${adapterOf(loaded)}
          client-id=${CLIENT_ID}
          redirect-uri=${REDIRECT_URI}
          actor=${ACTOR}
          storage-key="theming-playground"
        ></azure-device-compliance>
      </div>
    `;
  },
};
