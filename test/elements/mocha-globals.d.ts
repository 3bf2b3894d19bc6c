/**
 * The Mocha globals that @web/test-runner provides in the browser. The project has no
 * `@types/mocha` (and `tsconfig.json` sets `types: []`), so the few used by the tests are
 * declared here. Delete this file if `@types/mocha` is added.
 */
interface MochaContextLike {
  timeout(ms: number): void;
}

type MochaDone = (error?: unknown) => void;
type MochaFn = (this: MochaContextLike, done: MochaDone) => unknown;
type MochaSuiteFn = (this: MochaContextLike) => void;

declare function describe(title: string, fn: MochaSuiteFn): void;
declare function it(title: string, fn: MochaFn): void;
declare function before(fn: MochaFn): void;
declare function after(fn: MochaFn): void;
declare function beforeEach(fn: MochaFn): void;
declare function afterEach(fn: MochaFn): void;
