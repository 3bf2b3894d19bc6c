import { nothing } from 'lit';
import { within } from 'storybook/test';
import type { TenantType } from '../../src/core/cloud.js';
import type { Connection, FieldError } from '../../src/core/connection.js';
import { buildConsentUrl } from '../../src/core/consent.js';
import { en, type Strings } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { langOf, type GlobalsContext } from './globals.js';

/** A realistic application (client) ID, as registered in the console's Entra app. */
export const CLIENT_ID = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
/** Where Microsoft sends the admin back; it must match the app registration exactly. */
export const REDIRECT_URI = 'https://mdm.example.com/admin/azure/consent-callback';
/** Who acts, for the audit log. */
export const ACTOR = 'it-admin@contoso.com';

export const STANDARD_TENANT = 'contoso.onmicrosoft.com';
export const GCC_HIGH_TENANT = '8d3c2b1a-6f5e-4d7c-9b8a-0e1f2a3b4c5d';

/** A fixed consent `state`, so the stories render the same link every time. */
const STORY_STATE = 'storybook-consent-state-0123456789';

/** Microsoft's admin-consent link for the tenant, in its tenant type's cloud. */
export function consentUrlFor(tenantType: TenantType, tenantId: string): string {
  return buildConsentUrl({
    tenantType,
    tenantId,
    clientId: CLIENT_ID,
    redirectUri: REDIRECT_URI,
    state: STORY_STATE,
  });
}

export const CONNECTION: Connection = {
  tenantType: 'standard',
  tenantId: STANDARD_TENANT,
  enrollmentUrl: 'https://contoso.com/devices/enroll',
  remediationUrl: 'https://contoso.com/devices/compliance-help',
  connectedAt: '2025-03-14T09:26:53.000Z',
  updatedAt: '2025-03-14T09:26:53.000Z',
  version: 1,
  connectedBy: ACTOR,
};

export const GCC_HIGH_CONNECTION: Connection = {
  tenantType: 'gcc-high',
  tenantId: GCC_HIGH_TENANT,
  connectedAt: '2025-06-02T15:04:05.000Z',
  updatedAt: '2025-06-02T15:04:05.000Z',
  version: 3,
  connectedBy: ACTOR,
};

/** For every field error code, a value that the validation refuses with that code. */
export const INVALID_VALUES: Readonly<Record<FieldError, string>> = {
  'tenant-required': '',
  'tenant-multi': 'common',
  'tenant-nil': '00000000-0000-0000-0000-000000000000',
  'tenant-personal': '9188040d-6c67-4c5b-b112-36a304b66dad',
  'tenant-too-long': `${'contoso-'.repeat(32)}example.com`,
  'tenant-invalid': 'contoso onmicrosoft',
  'url-too-long': `https://contoso.com/enroll?${'step=next&'.repeat(210)}`,
  'url-invalid': 'https://',
  'url-not-https': 'http://contoso.com/devices/enroll',
  'url-idn': 'https://例え.jp/enroll',
  'url-credentials': 'https://admin:secret@contoso.com/devices/enroll',
  'url-whitespace': 'https://contoso.com/devices/enroll here',
};

export const TENANT_ID_ERRORS = [
  'tenant-required',
  'tenant-multi',
  'tenant-nil',
  'tenant-personal',
  'tenant-too-long',
  'tenant-invalid',
] as const satisfies readonly FieldError[];

export const URL_ERRORS = [
  'url-too-long',
  'url-invalid',
  'url-not-https',
  'url-credentials',
  'url-whitespace',
] as const satisfies readonly FieldError[];

/**
 * The open shadow root of `host`. The kit's elements render in shadow roots, which Testing
 * Library's queries do not enter by themselves.
 */
export function shadowOf(host: Element | null | undefined): ShadowRoot {
  const root = host?.shadowRoot;
  if (!root) throw new Error(`No open shadow root on ${host?.localName ?? 'a missing element'}.`);
  return root;
}

/**
 * Testing Library queries scoped to the shadow root of `host`. The queries only need
 * `querySelectorAll`, which a ShadowRoot has, although `within` is typed for elements. The
 * `find…` queries wait with the document as their container (they poll every 50 ms): `waitFor`
 * prints its container when it gives up, and cannot print a ShadowRoot.
 */
export function withinShadow(host: Element | null | undefined) {
  const queries = within(shadowOf(host) as unknown as HTMLElement);
  const waiting: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(queries) as [string, unknown][]) {
    if (!name.startsWith('find') || typeof query !== 'function') continue;
    waiting[name] = (matcher: unknown, options?: unknown, waitOptions?: object) =>
      (query as (...args: unknown[]) => unknown)(matcher, options, {
        container: document,
        ...waitOptions,
      });
  }
  return { ...queries, ...waiting } as typeof queries;
}

/**
 * The `theme` arg of the element stories: `inherit` (no attribute: the element follows the
 * page's `color-scheme`), or one scheme forced on the element.
 */
export type ElementTheme = 'inherit' | 'light' | 'dark';

/** The `theme` attribute for an `ElementTheme` arg: none for `inherit`. */
export function themeAttribute(theme: ElementTheme | undefined) {
  return theme === 'light' || theme === 'dark' ? theme : nothing;
}

/** Every shadow root under `root`, at any depth. */
function shadowRootsUnder(root: Element | ShadowRoot): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(element.shadowRoot, ...shadowRootsUnder(element.shadowRoot));
  }
  return found;
}

/**
 * Ends every finite animation under `root`, in shadow roots too (the dialogs' opening fade), so
 * the accessibility check after the play function measures the final colours, not a frame
 * mid-fade. Storybook pauses animations of the document in tests, but its style sheet does not
 * reach into shadow roots, and a page in the background may never run a fade to its end.
 */
export function finishAnimations(root: Element): void {
  const animations = [root, ...shadowRootsUnder(root)].flatMap((node) =>
    node instanceof Element ? node.getAnimations({ subtree: true }) : node.getAnimations(),
  );
  for (const animation of animations) {
    if (animation.effect?.getComputedTiming().endTime !== Infinity) animation.finish();
  }
}

/** A pattern that matches `text` anywhere in an accessible name (for names with a suffix). */
export function nameWith(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/**
 * A catalog text as Testing Library reads the page: every run of white space as one space. The
 * French catalog puts no-break spaces before `:` and `?`, which text matchers see as spaces.
 */
export function asShown(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The catalog of the story's language (the story's globals, or the `lang` toolbar), so a play
 * function finds its buttons by the names they have in the language shown.
 */
export function stringsOf(context: GlobalsContext): Strings {
  return langOf(context) === 'fr' ? fr : en;
}
