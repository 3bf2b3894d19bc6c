// What vitest.react.config.ts hands the React tests (`inject()`).
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The major version of React the project resolves `react` and `react-dom` to. */
    reactMajor: number;
    /** Every element of custom-elements.json, by tag, with the names of the events it declares. */
    kitEvents: Record<string, string[]>;
  }
}
