/**
 * The demo console's CSP watchdog, loaded before the console (`main.ts`, unchanged): it counts
 * every `securitypolicyviolation` on the page, shows the count as text and logs the details.
 * The console, the kit's elements and Lit run under the page's policy with none reported. The
 * count follows the page's `lang`.
 */
import { byId } from './shared.js';

const counter = byId('csp-count', HTMLElement);
let violations = 0;

/** The count in the page's language (main.ts sets `lang` on the root, now or later). */
function show(): void {
  const french = document.documentElement.lang === 'fr';
  counter.textContent = french
    ? `Violations CSP\u202f: ${violations}`
    : `CSP violations: ${violations}`;
  counter.dataset['violations'] = `${violations}`;
}

new MutationObserver(show).observe(document.documentElement, { attributeFilter: ['lang'] });

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
