import type { Validation } from './tenant.js';

export type UrlError =
  'url-too-long' | 'url-invalid' | 'url-not-https' | 'url-credentials' | 'url-whitespace';

/** Browsers and many servers stop at about 2 KB; a longer link is a paste accident. */
export const MAX_URL_LENGTH = 2048;

/**
 * Validates an optional HTTPS URL (enrollment and remediation pages). Blank means "not set" and
 * is returned as `undefined`. `new URL()` decides what a URL is; the protocol, credentials and
 * length are checked here because a URL parser alone accepts `javascript:` and `data:`.
 */
export function validateHttpsUrl(input: unknown): Validation<string | undefined, UrlError> {
  if (input === undefined || input === null) return { ok: true, value: undefined };
  if (typeof input !== 'string') return { ok: false, error: 'url-invalid' };
  const raw = input.trim();
  if (raw === '') return { ok: true, value: undefined };
  if (raw.length > MAX_URL_LENGTH) return { ok: false, error: 'url-too-long' };
  if (/\s/.test(raw)) return { ok: false, error: 'url-whitespace' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: /^[a-z][a-z0-9+.-]*:/i.test(raw) ? 'url-invalid' : 'url-not-https' };
  }
  if (url.protocol !== 'https:') return { ok: false, error: 'url-not-https' };
  if (url.username !== '' || url.password !== '') return { ok: false, error: 'url-credentials' };
  if (url.hostname === '' || !/^[a-z0-9.[\]:-]+$/i.test(url.hostname)) {
    return { ok: false, error: 'url-invalid' };
  }
  if (url.href.length > MAX_URL_LENGTH) return { ok: false, error: 'url-too-long' };
  return { ok: true, value: url.href };
}

/** True for an absolute `https:` URL without credentials: the only kind the kit puts in `href`. */
export function isSafeHttpsUrl(value: unknown): value is string {
  const result = validateHttpsUrl(value);
  return result.ok && result.value !== undefined;
}
