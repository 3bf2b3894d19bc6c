import { readFileSync } from 'node:fs';

/**
 * Custom Elements Manifest for the kit (`npm run manifest`, checked by `npm run manifest:check`).
 *
 * The element classes never register themselves: `customElements.define('tag', Class)` lives in
 * `src/define/*.ts`, so those files are analysed too and the analyzer links each tag name to its
 * class. The JSDoc on each class supplies the summary, events, parts and CSS properties.
 */

/** Where the kit's typed events (`KitEventDetails`) are declared. */
const EVENTS_MODULE = 'src/events.ts';

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

/**
 * Sorts the modules by path, so the manifest does not depend on directory listing order. The
 * analyzer records references through imports as written (`/src/x/y.js`): point them at the
 * modules of this manifest (`src/x/y.ts`), and point re-exports at the declaring module, so that
 * every reference resolves inside the manifest.
 */
function resolveReferences() {
  return {
    name: 'kit - resolve references',
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules;
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
        const path = reference.module.replace(/^\//, '').replace(/\.js$/, '.ts');
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
          for (const item of [
            ...(declaration.members ?? []),
            ...(declaration.attributes ?? []),
            ...(declaration.events ?? []),
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
function kitEventTypes() {
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
      const details = new Map();
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

export default {
  globs: ['src/elements/**/*.ts', 'src/define/*.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/define/index.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [publicApiOnly(), resolveReferences(), kitEventTypes()],
};
