import { DocsContainer, type DocsContainerProps } from '@storybook/addon-docs/blocks';
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { createElement, type PropsWithChildren } from 'react';
import { configure, prettyDOM } from 'storybook/test';
import { themes } from 'storybook/theming';
import manifest from '../custom-elements.json';
import type { HealthStatus } from '../src/controller/health-controller.js';
import { TENANT_TYPES } from '../src/core/cloud.js';
import { langOf, themeOf, type Lang, type Theme } from '../stories/support/globals.js';
// Registers every element of the kit under its default tag name.
import '../src/define/index.js';

// Fills the docs tables (attributes, properties, events, parts, CSS properties) from the JSDoc.
setCustomElementsManifest(manifest);

/**
 * Testing Library, for the play functions. They query inside the elements' shadow roots
 * (`withinShadow`); Testing Library prints the container of a failed query and cannot print a
 * ShadowRoot: without `getElementError`, a missing element would fail with "Expected an element
 * or document" instead of saying what is missing.
 */
configure({
  // A docs page loads several story frames at once, each running its play function: on a busy
  // machine a step can take longer than Testing Library's default second.
  asyncUtilTimeout: 3000,
  getElementError(message, container) {
    const shown =
      container instanceof ShadowRoot
        ? `In the shadow root of <${container.host.localName}>:\n${container.innerHTML.slice(0, 6000)}`
        : prettyDOM(container);
    const error = new Error([message, shown].filter(Boolean).join('\n\n'));
    error.name = 'TestingLibraryElementError';
    return error;
  },
});

type ArgTypesEnhancer = NonNullable<Preview['argTypesEnhancers']>[number];
type ArgType = ReturnType<ArgTypesEnhancer>[string];

/** A console's font stack, Segoe UI first for the look of Microsoft's admin centers. */
const CONSOLE_FONT =
  "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Roboto, Arial, sans-serif";

/** What this file reads of an element's declaration in custom-elements.json. */
interface ElementDeclaration {
  readonly tagName?: string;
  readonly events?: readonly { readonly name: string }[];
  readonly members?: readonly {
    readonly kind: string;
    readonly name: string;
    readonly description?: string;
    readonly type?: { readonly text: string };
    readonly default?: string;
  }[];
}

function declarationOf(tag: unknown): ElementDeclaration | undefined {
  if (typeof tag !== 'string') return undefined;
  for (const module of manifest.modules as readonly { declarations?: ElementDeclaration[] }[]) {
    const found = module.declarations?.find((declaration) => declaration.tagName === tag);
    if (found) return found;
  }
  return undefined;
}

/**
 * The values of the type names the manifest uses for the elements' attributes and properties.
 * Tenant types come from the kit's own list; the health statuses are a type only, so they are
 * listed here, and the `satisfies` makes a status added to `HealthStatus` a compile error.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  TenantType: TENANT_TYPES,
  HealthStatus: Object.keys({
    unsupported: true,
    loading: true,
    ready: true,
    failed: true,
  } satisfies Record<HealthStatus, true>),
};

/**
 * An attribute every element has that the manifest does not list (it is a styling hook of the
 * kit's shared sheet): `theme` forces one colour scheme on the element and what it contains.
 * A story that has a `theme` arg gets this control; `inherit` stands for no attribute.
 */
const THEME_ARG_TYPE: ArgType = {
  name: 'theme',
  description:
    'Forces one colour scheme on the element and everything inside it (`light` or `dark`). ' +
    'Without the attribute (`inherit`) the element follows the page’s `color-scheme`.',
  type: { name: 'enum', value: ['inherit', 'light', 'dark'] },
  options: ['inherit', 'light', 'dark'],
  control: { type: 'inline-radio', labels: { inherit: 'inherit (no attribute)' } },
  table: {
    category: 'attributes',
    type: { summary: "'light' | 'dark'" },
    defaultValue: { summary: 'none: follows the page' },
  },
};

/** `'add' | 'edit'` -> ['add', 'edit']; a known alias -> its values; anything else: undefined. */
function choicesOf(typeText: string): readonly string[] | undefined {
  const parts = typeText
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== 'undefined' && part !== 'null');
  const [only] = parts;
  if (parts.length === 1 && only !== undefined && Object.hasOwn(ALIASES, only))
    return ALIASES[only];
  const literals = parts.map((part) => /^'([^']*)'$/.exec(part)?.[1]);
  if (literals.length < 2 || literals.some((literal) => literal === undefined)) return undefined;
  return literals as string[];
}

const SCALARS = new Set(['string', 'number', 'boolean']);

/**
 * Controls that fit the elements' API, read from custom-elements.json:
 * - every attribute or property typed by a union of strings (`'add' | 'edit'`) or by a known
 *   alias (`TenantType`, `HealthStatus`) gets a radio (a select past four values) with its real
 *   values, and the union in the docs table;
 * - a property the manifest gives no type (`timeoutMs`) takes the type of the story's value;
 * - a row the story does not pass to the element (no arg of that name: the attribute twin of a
 *   property arg, a read-only getter, an event, a slot, a CSS property or part) is documented but
 *   gets no control, since it would change nothing on screen.
 * A story's own `control` or `options` always win.
 */
const manifestControls: ArgTypesEnhancer = (context) => {
  const { argTypes, initialArgs } = context;
  const declaration = declarationOf(context.component);
  if (declaration === undefined) return argTypes;
  const next: Record<string, ArgType> = { ...argTypes };
  // Storybook keys every row by its name, so a part, slot or event named like a property (the
  // form's `error` part and `error` property) hides the property's row: put it back, and keep
  // the other row under a key of its own.
  for (const member of declaration.members ?? []) {
    const shown = next[member.name];
    const category = shown?.table?.category;
    if (member.kind !== 'field' || !shown || category === 'properties' || category === 'attributes')
      continue;
    next[`${category ?? 'other'}:${member.name}`] = shown;
    next[member.name] = {
      name: member.name,
      description: member.description ?? '',
      type: { name: 'other', value: member.type?.text ?? '' },
      table: {
        category: 'properties',
        type: { summary: member.type?.text ?? '' },
        defaultValue: { summary: member.default },
      },
    };
  }
  if ('theme' in initialArgs) next['theme'] = { ...THEME_ARG_TYPE, ...argTypes['theme'] };
  for (const [key, argType] of Object.entries(next)) {
    if (!(key in initialArgs)) {
      if (argType.control === undefined) next[key] = { ...argType, control: false };
      continue;
    }
    const category = argType.table?.category;
    if (category !== 'attributes' && category !== 'properties') continue;
    const typeText = argType.table?.type?.summary ?? '';
    const choices = choicesOf(typeText);
    if (choices) {
      next[key] = {
        ...argType,
        type: { name: 'enum', value: [...choices] },
        options: argType.options ?? [...choices],
        control: argType.control ?? {
          type: choices.length <= 4 ? 'inline-radio' : 'select',
        },
        table: {
          ...argType.table,
          type: {
            summary: typeText,
            detail: choices.map((choice) => `'${choice}'`).join(' | '),
          },
        },
      };
      continue;
    }
    const typeName = argType.type && 'name' in argType.type ? argType.type.name : undefined;
    const value: unknown = initialArgs[key];
    if (!typeName && SCALARS.has(typeof value)) {
      const name = typeof value as 'string' | 'number' | 'boolean';
      next[key] = {
        ...argType,
        type: { name },
        table: { ...argType.table, type: { summary: name } },
      };
    }
  }
  return next;
};

/** `connect-form-input` -> `onConnectFormInput`: the arg Storybook names after each event. */
function handlerArgName(event: string): string {
  const camel = event.replace(/[-_:.\s]+(.)?/g, (_match, next?: string) =>
    next ? next.toUpperCase() : '',
  );
  return `on${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
}

/** The listeners the decorator put on a wrapper, so a new render replaces them. */
const attached = new WeakMap<Element, { types: readonly string[]; listener: EventListener }>();

/**
 * Sends every event of the manifest that the story's element dispatches to the story's arg of
 * that name (`onConnectFormInput` for `connect-form-input`): Storybook creates those args from
 * the manifest (or the story gives a `fn()`), and the Actions panel logs each call with the
 * event. Every event of the kit bubbles, so the wrapper hears them; the stories bind none.
 */
function logEvents(tag: unknown, args: Record<string, unknown>) {
  const types = declarationOf(tag)?.events?.map((event) => event.name) ?? [];
  const listener: EventListener = (event) => {
    const target = event.target;
    if (!(target instanceof Element) || target.localName !== tag) return;
    const handler = args[handlerArgName(event.type)];
    if (typeof handler === 'function') handler(event);
  };
  return ref((wrapper) => {
    if (!wrapper) return;
    const previous = attached.get(wrapper);
    if (previous) {
      for (const type of previous.types) wrapper.removeEventListener(type, previous.listener);
    }
    for (const type of types) wrapper.addEventListener(type, listener);
    attached.set(wrapper, { types, listener });
  });
}

/** The docs pages in Storybook's dark or light theme, after the `theme` global. */
function ThemedDocsContainer(props: PropsWithChildren<DocsContainerProps>) {
  let theme: Theme = 'light';
  try {
    const { context } = props;
    theme = themeOf(context.getStoryContext(context.storyById()));
  } catch {
    // A docs page without stories: the light theme.
  }
  return createElement(DocsContainer, {
    ...props,
    theme: theme === 'dark' ? themes.dark : themes.light,
  });
}

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    // The decorator draws the console's page and card, with their own spacing.
    layout: 'fullscreen',
    controls: { expanded: true, sort: 'requiredFirst' },
    // Violations show in the Accessibility panel and fail story tests.
    a11y: { test: 'error' },
    // The page follows the theme toolbar too (the docs page is drawn again when it changes).
    docs: { container: ThemedDocsContainer },
  },
  argTypesEnhancers: [manifestControls],
  globalTypes: {
    lang: {
      description: 'Language of the elements (the `lang` of the wrapper around the story)',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English', right: 'en' },
          { value: 'fr', title: 'Français', right: 'fr' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Colour scheme of the page around the elements',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { lang: 'en', theme: 'light' },
  decorators: [
    (story, context) => {
      const { component, args, viewMode } = context;
      const lang: Lang = langOf(context);
      const theme: Theme = themeOf(context);
      // The elements follow the nearest `lang`; their colours follow the inherited `color-scheme`.
      // The frame is a console's: its page background, a card surface, and a console font (the
      // kit itself inherits the host's font, as it does in a real console).
      const page = theme === 'dark' ? '#111418' : '#f3f4f6';
      const surface = theme === 'dark' ? '#1f2227' : '#ffffff';
      const border = theme === 'dark' ? '#3a3f47' : '#d9dde3';
      const text = theme === 'dark' ? '#e8eaed' : '#1b1f24';
      // A story fills its canvas; one drawn inline on a docs page takes only the room it needs.
      const minHeight = viewMode === 'docs' ? 'auto' : '100vh';
      return html`<div
        class="story-page"
        style="color-scheme: ${theme}; background: ${page}; padding: 1.5rem; min-block-size: ${minHeight}; box-sizing: border-box;"
      >
        <div
          class="story-wrapper"
          lang=${lang}
          theme=${theme}
          style="font-family: ${CONSOLE_FONT}; font-size: 0.9375rem; line-height: 1.5; color: ${text}; background: ${surface}; border: 1px solid ${border}; border-radius: 0.5rem; padding: 1.5rem; max-inline-size: 48rem;"
          ${logEvents(component, args)}
        >
          ${story()}
        </div>
      </div>`;
    },
  ],
};

export default preview;
