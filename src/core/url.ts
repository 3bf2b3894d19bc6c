import type { Validation } from './tenant.js';

export type UrlError =
  | 'url-too-long'
  | 'url-invalid'
  | 'url-not-https'
  | 'url-credentials'
  | 'url-whitespace'
  | 'url-idn';

/** Browsers and many servers stop at about 2 KB; a longer link is a paste accident. */
export const MAX_URL_LENGTH = 2048;

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * True for a character a domain may be typed with besides ASCII: the letters of Latin-1 and
 * Latin Extended-A, whose international-domain (IDNA) encoding every URL parser agrees on. Other
 * scripts, fullwidth forms and letters whose mapping changed between IDNA versions (ß, ſ, ı, ĸ,
 * ŉ) are read differently by different engines (a browser and the server's Node), so they must
 * be typed in their `xn--` form.
 */
function isPortableDomainLetter(char: string): boolean {
  const code = char.charCodeAt(0);
  return (
    char.length === 1 &&
    code >= 0xc0 &&
    code <= 0x17e &&
    ![0xd7, 0xdf, 0xf7, 0x131, 0x138, 0x149].includes(code)
  );
}

/**
 * Validates an optional HTTPS URL (enrollment and remediation pages). Blank means "not set" and
 * is returned as `undefined`. The scheme is read from the text as typed (only `https:`), the
 * domain may hold only ASCII and portable Latin letters, then `new URL()` decides what the rest
 * is; credentials and length are checked on the result. Browsers and the server's Node give
 * the same verdict for every input.
 */
export function validateHttpsUrl(input: unknown): Validation<string | undefined, UrlError> {
  if (input === undefined || input === null) return { ok: true, value: undefined };
  if (typeof input !== 'string') return { ok: false, error: 'url-invalid' };
  const raw = input.trim();
  if (raw === '') return { ok: true, value: undefined };
  if (raw.length > MAX_URL_LENGTH) return { ok: false, error: 'url-too-long' };
  if (/\s/.test(raw)) return { ok: false, error: 'url-whitespace' };
  if (SCHEME.exec(raw)?.[1]?.toLowerCase() !== 'https')
    return { ok: false, error: 'url-not-https' };
  const authority =
    raw
      .slice('https:'.length)
      .replace(/^[/\\]*/, '')
      .split(/[/\\?#]/, 1)[0] ?? '';
  for (const char of authority) {
    if (char < '\x21' || (char >= '\x7f' && char <= '\x9f'))
      return { ok: false, error: 'url-invalid' };
    if (char > '\x7e' && !isPortableDomainLetter(char)) return { ok: false, error: 'url-idn' };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: 'url-invalid' };
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
