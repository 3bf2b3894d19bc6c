import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { customElementJsxPlugin } from 'custom-element-jsx-integration';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';

/**
 * Custom Elements Manifest for the kit (`npm run manifest`, checked by `npm run manifest:check`).
 *
 * The element classes never register themselves: `customElements.define('tag', Class)` lives in
 * `src/define/*.ts`, so those files are analysed too and the analyzer links each tag name to its
 * class. The JSDoc on each class supplies the summary, events, parts and CSS properties.
 *
 * The manifest describes the package as published: every module `path` (and every reference to a
 * module) names the built file in `dist/` that the package ships, not the TypeScript source.
 *
 * From the same manifest, the same run writes the typings and editor data that ship in `types/`
 * (see `GENERATED_FILES`): JSX types (React 19 and other JSX), Vue 3 template types, VS Code custom
 * data and JetBrains web-types.
 */

/** Where the kit's typed events (`KitEventDetails`) are declared. */
const EVENTS_MODULE = 'src/events.ts';

/** The package's name, for the JetBrains web-types `source` (the root entry exports every class). */
const PACKAGE_NAME = JSON.parse(
  readFileSync(new URL('./package.json', import.meta.url), 'utf8'),
).name;

/** Where the generated typings and editor data go, relative to the package root. */
export const TYPES_DIR = 'types';

/** Every file the integrations write into `TYPES_DIR`; `npm run manifest:check` compares them all. */
export const GENERATED_FILES = [
  'jsx.d.ts',
  'vue.d.ts',
  'vscode.html-custom-data.json',
  'vscode.css-custom-data.json',
  'web-types.json',
];

/** Members that are Lit or platform plumbing, not part of an element's public API. */
const STATIC_DENY_LIST = new Set(['styles', 'shadowRootOptions', 'formAssociated', 'properties']);

/** Keeps only what a user of the element can touch: no `#private`, `private` or `protected`. */
function publicApiOnly() {
  const isPublic = (member) =>
    !member.name.startsWith('#') &&
    member.privacy !== 'private' &&
    member.privacy !== 'protected' &&
    !(member.static && STATIC_DENY_LIST.has(member.name));
  return {
    name: 'kit - public api only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.members) declaration.members = declaration.members.filter(isPublic);
        }
      }
    },
  };
}

/** `src/x/y.ts` (a module as analysed) or `/src/x/y.js` (an import as written) -> `dist/x/y.js`. */
const shippedPath = (path) => path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');

/**
 * Points every module at the file the package ships (`src/x/y.ts` is built to `dist/x/y.js`, with
 * its declarations in `dist/x/y.d.ts`), and sorts the modules by path, so the manifest does not
 * depend on directory listing order. The analyzer records references through imports as written
 * (`/src/x/y.js`): point them at the modules of this manifest (`dist/x/y.js`), and point
 * re-exports at the declaring module, so that every reference resolves inside the manifest.
 */
function resolveReferences() {
  return {
    name: 'kit - resolve references',
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules;
      for (const mod of modules) mod.path = shippedPath(mod.path);
      // The file system decides the order globs come back in; sort so every machine agrees.
      modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const paths = new Set(modules.map((mod) => mod.path));
      const declaredIn = new Map();
      for (const mod of modules) {
        for (const declaration of mod.declarations ?? [])
          declaredIn.set(declaration.name, mod.path);
      }
      const fixModule = (reference) => {
        if (!reference?.module || reference.package) return;
        const path = shippedPath(reference.module);
        if (paths.has(path)) reference.module = path;
      };
      for (const mod of modules) {
        const own = new Set((mod.declarations ?? []).map((declaration) => declaration.name));
        for (const exported of mod.exports ?? []) {
          const reference = exported.declaration;
          fixModule(reference);
          if (reference?.module === mod.path && !own.has(reference.name)) {
            const home = declaredIn.get(reference.name);
            if (home) reference.module = home;
          }
        }
        for (const declaration of mod.declarations ?? []) {
          fixModule(declaration.superclass);
          for (const mixin of declaration.mixins ?? []) fixModule(mixin);
          for (const item of [
            ...(declaration.members ?? []),
            ...(declaration.attributes ?? []),
            ...(declaration.events ?? []),
            ...(declaration.slots ?? []),
            ...(declaration.cssParts ?? []),
            ...(declaration.cssProperties ?? []),
            ...(declaration.cssStates ?? []),
          ]) {
            fixModule(item.inheritedFrom);
          }
        }
      }
    },
  };
}

/**
 * The JSDoc `@event` tags name and describe each event; the detail types are declared once in
 * `KitEventDetails` (src/events.ts). Give every kit event its `CustomEvent<detail>` type from there.
 */
function kitEventTypes(details) {
  let typescript;
  return {
    name: 'kit - event types',
    initialize({ ts }) {
      typescript = ts;
    },
    packageLinkPhase({ customElementsManifest }) {
      const ts = typescript;
      const source = ts.createSourceFile(
        EVENTS_MODULE,
        readFileSync(new URL(`./${EVENTS_MODULE}`, import.meta.url), 'utf8'),
        ts.ScriptTarget.ES2022,
        true,
      );
      details.clear();
      source.forEachChild((node) => {
        if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'KitEventDetails') return;
        for (const member of node.members) {
          if (ts.isPropertySignature(member) && member.type && ts.isStringLiteral(member.name)) {
            details.set(member.name.text, member.type.getText(source).replace(/\s+/g, ' '));
          }
        }
      });
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          for (const event of declaration.events ?? []) {
            const detail = details.get(event.name);
            if (detail && !event.type) event.type = { text: `CustomEvent<${detail}>` };
          }
        }
      }
    },
  };
}

/**
 * The manifest as the JSX and Vue generators should see it (`details`: the kit's events, filled by
 * `kitEventTypes`):
 * - They type each handler as `(e: CustomEvent<event type>) => void`: a kit event's type is given
 *   as its detail, by reference to `KitEventDetails` (imported by `finishTypings`), rather than as
 *   the manifest's `CustomEvent<...>`, whose detail names types (`Connection`, `TenantType`) that
 *   the typings would have to import one by one. A platform event (`change`, typed `Event`) is left
 *   untyped, which they write `CustomEvent<never>` and `finishTypings` turns into `Event`.
 * - They offer every public field as a prop: a read-only one (a getter: `state`, `draft`) is left
 *   out, since setting it would throw.
 * - They type an attribute as its field's type (`Element['field']`). An attribute without a field
 *   (`theme`, read by the styles only) gets a marker instead, which `attributeTypes` replaces by
 *   the attribute's own type.
 */
function forTypings(manifest, details) {
  const copy = structuredClone(manifest);
  for (const mod of copy.modules) {
    for (const declaration of mod.declarations ?? []) {
      for (const attribute of declaration.attributes ?? []) {
        if (attribute.fieldName !== undefined) continue;
        if (!attribute.type?.text) {
          throw new Error(`${declaration.name}: attribute ${attribute.name} has no type`);
        }
        attribute.fieldName = `${ATTRIBUTE_MARKER}${Buffer.from(attribute.type.text).toString('hex')}`;
      }
      if (declaration.members) {
        declaration.members = declaration.members.filter((member) => !member.readonly);
      }
      for (const event of declaration.events ?? []) {
        const text = event.type?.text;
        if (details.has(event.name) && text === `CustomEvent<${details.get(event.name)}>`) {
          event.type = { text: `KitEventDetails[${JSON.stringify(event.name)}]` };
        } else if (text === undefined || text === 'Event') {
          delete event.type;
        } else {
          throw new Error(
            `${declaration.name}: event ${event.name} has the type ${text}, which the typings ` +
              'cannot name: declare its detail in KitEventDetails (src/events.ts)',
          );
        }
      }
    }
  }
  return copy;
}

/** Prefix of the marker; the type follows in hexadecimal, which the generators keep as it is. */
const ATTRIBUTE_MARKER = '__attribute_type_';

/** `Element["__attribute_type_<hex>"]` (see `forTypings`) -> the type it encodes. */
function attributeTypes(text) {
  return text.replace(/\w+\[(['"])__attribute_type_([0-9a-f]+)\1\]/g, (_, quote, hex) =>
    Buffer.from(hex, 'hex').toString(),
  );
}

/** Runs an integration's analyzer plugin on another manifest than the analyzer's own. */
function onManifest(plugin, transform) {
  return {
    name: plugin.name,
    packageLinkPhase({ customElementsManifest, context }) {
      plugin.packageLinkPhase({
        customElementsManifest: transform(customElementsManifest),
        context,
      });
    },
  };
}

/** `connection-change` -> `connectionChange`, as Vue camelizes a template's names. */
const camelize = (name) => name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());

/**
 * The Vue integration keys each component's props by attribute name (`'tenant-id'`) and its
 * handlers by `on` + event name (`'onconnection-change'`), but Vue camelizes what a template says
 * before checking it: `tenant-id` (or `tenantId`) is looked up as the prop `tenantId`, and
 * `@connection-change` as `onConnectionChange`. Under those names vue-tsc checks every attribute
 * and handler (and, with `strictTemplates`, reports unknown ones); under the integration's, none.
 * Renames the keys in each `<Class>Props` type (the documentation is left as it is).
 */
function vueNames(text, manifest) {
  const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const rename = (block, from, to) => {
    const key = new RegExp(`^(\\s*)(["']?)${escape(from)}\\2\\?:`, 'm');
    if (!key.test(block)) throw new Error(`vue.d.ts: no prop ${from} to rename`);
    return block.replace(key, `$1${to}?:`);
  };
  for (const mod of manifest.modules) {
    for (const declaration of mod.declarations ?? []) {
      if (!declaration.tagName) continue;
      const start = text.indexOf(`type ${declaration.name}Props = {`);
      const end = text.indexOf('\n};', start);
      if (start < 0 || end < 0) throw new Error(`vue.d.ts: no ${declaration.name}Props`);
      let block = text.slice(start, end);
      for (const attribute of declaration.attributes ?? []) {
        block = rename(block, attribute.name, attribute.fieldName ?? camelize(attribute.name));
      }
      for (const event of declaration.events ?? []) {
        const handler = camelize(event.name);
        block = rename(
          block,
          `on${event.name}`,
          `on${handler[0].toUpperCase()}${handler.slice(1)}`,
        );
      }
      text = text.slice(0, start) + block + text.slice(end);
    }
  }
  return text;
}

/**
 * The Vue integration types each tag with its own props only, so that with `strictTemplates` a
 * template may not give it `lang`, `id`, `title` or a native listener (`@click`): each tag also
 * takes the attributes and events of any HTML element (Vue's `HTMLAttributes`), as it is one.
 */
function htmlAttributes(text) {
  const vueImport = `import type { DefineComponent } from "vue";`;
  if (!text.includes(vueImport)) throw new Error('vue.d.ts: the import from vue was not found');
  const tags = /DefineComponent<(\w+Props)>/g;
  if (!tags.test(text)) throw new Error('vue.d.ts: no DefineComponent<...Props> found');
  return text
    .replace(vueImport, `import type { DefineComponent, HTMLAttributes } from "vue";`)
    .replace(tags, 'DefineComponent<$1 & HTMLAttributes>');
}

/**
 * The integrations format with Prettier's defaults; give their files the project's format (so
 * `prettier --check .` holds), the import of `KitEventDetails` that `forTypings` relies on,
 * and a header. The Vue typings also declare the tags in a global `JSX` namespace, which would
 * type them as Vue components in any JSX (React's included) of a project that loads them: dropped,
 * the Vue template types come from `GlobalComponents`.
 */
function finishTypings(dir) {
  const require = createRequire(import.meta.url);
  const prettier = require.resolve('prettier/bin/prettier.cjs');
  const config = new URL('./.prettierrc.json', import.meta.url);
  const header = (what) =>
    `// ${what}, generated from custom-elements.json by \`npm run manifest\`: do not edit.\n`;
  return {
    name: 'kit - finish typings',
    packageLinkPhase({ customElementsManifest }) {
      const edit = (name, change) => {
        const file = join(dir, name);
        writeFileSync(file, change(readFileSync(file, 'utf8')));
      };
      const detailsImport = `import type { KitEventDetails } from '../dist/index.js';\n`;
      const platformEvents = (text) => text.replaceAll('(e: CustomEvent<never>)', '(e: Event)');
      edit(
        'jsx.d.ts',
        (text) =>
          header('JSX types (React 19 and other JSX)') +
          detailsImport +
          platformEvents(attributeTypes(text)),
      );
      edit('vue.d.ts', (text) => {
        const globalJsx = text.indexOf('declare global {');
        if (globalJsx < 0) throw new Error('vue.d.ts: the global JSX block was not found');
        const vue = htmlAttributes(vueNames(text.slice(0, globalJsx), customElementsManifest));
        return header('Vue 3 template types') + detailsImport + platformEvents(attributeTypes(vue));
      });
      // Their CSS property docs end in `_(default: undefined)_` where the manifest has no default.
      for (const name of GENERATED_FILES) {
        edit(name, (text) => text.replaceAll(' _(default: undefined)_', ''));
      }
      const files = GENERATED_FILES.map((name) => join(dir, name));
      const run = spawnSync(
        process.execPath,
        [prettier, '--config', fileURLToPath(config), '--log-level', 'warn', '--write', ...files],
        { encoding: 'utf8' },
      );
      if (run.status !== 0) throw new Error(`prettier failed: ${run.stderr || run.error?.message}`);
    },
  };
}

/**
 * The configuration, with the typings and editor data written to `typesDir` (relative to the
 * package root, or absolute: `npm run manifest:check` writes them to a temporary directory).
 */
export function createConfig({ typesDir = TYPES_DIR } = {}) {
  // The generated files sit in `types/`, beside `dist/`: they import the element classes and
  // `KitEventDetails` from the root entry's declarations.
  const typings = { outdir: typesDir, globalTypePath: '../dist/index.js', hideLogs: true };
  const details = new Map();
  const typed = (manifest) => forTypings(manifest, details);
  return {
    globs: ['src/elements/**/*.ts', 'src/define/*.ts'],
    exclude: ['src/elements/**/*.styles.ts', 'src/define/index.ts'],
    outdir: '.',
    litelement: true,
    packagejson: true,
    plugins: [
      publicApiOnly(),
      resolveReferences(),
      kitEventTypes(details),
      onManifest(customElementJsxPlugin({ ...typings, fileName: 'jsx.d.ts' }), typed),
      onManifest(customElementVuejsPlugin({ ...typings, fileName: 'vue.d.ts' }), typed),
      customElementVsCodePlugin({
        outdir: typesDir,
        htmlFileName: 'vscode.html-custom-data.json',
        cssFileName: 'vscode.css-custom-data.json',
        hideLogs: true,
      }),
      customElementJetBrainsPlugin({
        outdir: typesDir,
        webTypesFileName: 'web-types.json',
        // Each element's class, as exported by the package's root entry.
        modulePathTemplate: () => PACKAGE_NAME,
        hideLogs: true,
      }),
      finishTypings(typesDir),
    ],
  };
}

export default createConfig();
