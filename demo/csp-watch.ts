/**
 * The demo console's CSP watchdog, loaded before the console (`main.ts`, unchanged): it counts
 * every `securitypolicyviolation` on the page, shows the count as text and logs the details.
 * The console, the kit's elements and Lit run under the page's policy with none reported.
 */
import { byId } from './shared.js';

const counter = byId('csp-count', HTMLElement);
let violations = 0;

function show(): void {
  counter.textContent = `CSP violations: ${violations}`;
  counter.dataset['violations'] = `${violations}`;
}

document.addEventListener('securitypolicyviolation', (event) => {
  violations++;
  show();
  console.error('CSP violation', {
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
    sample: event.sample,
    disposition: event.disposition,
  });
});

show();
