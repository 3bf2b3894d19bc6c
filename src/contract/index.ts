/**
 * The HTTP contract between the kit and a backend (`azure-compliance-connect/contract`): paths,
 * headers, request and answer schemas, and problem documents. `openapi.json` is generated from
 * it; the reference server, `HttpAdapter` and the conformance suite all use it.
 */
export * from './schemas.js';
export * from './problems.js';
