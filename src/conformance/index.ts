/**
 * The conformance suite (`azure-compliance-connect/conformance`): proves that a backend does what
 * the kit expects. Runner-agnostic: pass your test runner's `test` function.
 *
 * - `defineConformanceSuite` checks a running backend over HTTP against the contract
 *   (`openapi.json`), then through `HttpAdapter`.
 * - `defineAdapterConformanceSuite` checks any `ConnectionAdapter` (the parts that apply to
 *   every adapter, such as the browser-storage one).
 */
export {
  CONFORMANCE_OTHER_TENANT,
  CONFORMANCE_TENANT,
  defineAdapterConformanceSuite,
  type AdapterConformanceOptions,
  type TestFunction,
} from './adapter-suite.js';
export {
  defineConformanceSuite,
  devSessions,
  type ConformanceOptions,
  type SessionHeaders,
} from './http-suite.js';
export { ConformanceError } from './check.js';
