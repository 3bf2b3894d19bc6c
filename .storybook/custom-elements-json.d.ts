// The committed manifest, imported as JSON by preview.ts (Vite parses it). The root tsconfig does
// not enable `resolveJsonModule`, so the import is typed here, with only what preview.ts needs.
declare module '*/custom-elements.json' {
  const manifest: {
    readonly schemaVersion: string;
    readonly modules: readonly unknown[];
  };
  export default manifest;
}
