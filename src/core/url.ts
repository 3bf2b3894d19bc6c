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
 * Bidirectional formatting characters (LRM, RLM, ALM, the embeddings and overrides U+202A-U+202E,
 * the isolates U+2066-U+2069): invisible, they make a link read differently from where it goes.
 */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** The same characters percent-encoded in UTF-8, as a URL parser writes them in a path or query. */
const ENCODED_BIDI_CONTROL = /%(?:d8%9c|e2%80%8[ef]|e2%80%a[a-e]|e2%81%a[6-9])/i;
/** A DNS label of the parsed (lower-case, ASCII) host: letters, digits, inner hyphens, 1-63. */
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A top-level domain: letters only, or an IDNA `xn--` label (never digits: that is an IP). */
const HOST_TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
/** The longest DNS name. */
const MAX_HOST_LENGTH = 253;

const PUNYCODE = { base: 36, tMin: 1, tMax: 26, skew: 38, damp: 700 } as const;

function punycodeBias(delta: number, points: number, first: boolean): number {
  const { base, tMin, tMax, skew, damp } = PUNYCODE;
  let rest = first ? Math.floor(delta / damp) : Math.floor(delta / 2);
  rest += Math.floor(rest / points);
  let k = 0;
  while (rest > ((base - tMin) * tMax) >> 1) {
    rest = Math.floor(rest / (base - tMin));
    k += base;
  }
  return k + Math.floor(((base - tMin + 1) * rest) / (rest + skew));
}

/** The value of a punycode digit: a-z are 0-25, 0-9 are 26-35. */
function punycodeDigit(char: string): number | undefined {
  const code = char.charCodeAt(0);
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26;
  return undefined;
}

/** Decodes the part of an `xn--` label after the prefix (RFC 3492), or undefined if malformed. */
function decodePunycode(encoded: string): string | undefined {
  const { base, tMin, tMax } = PUNYCODE;
  const delimiter = encoded.lastIndexOf('-');
  const output = delimiter > 0 ? [...encoded.slice(0, delimiter)].map((c) => c.charCodeAt(0)) : [];
  let position = delimiter > 0 ? delimiter + 1 : 0;
  let code = 0x80;
  let bias = 72;
  let index = 0;
  while (position < encoded.length) {
    const before = index;
    let weight = 1;
    for (let k = base; ; k += base) {
      const digit = punycodeDigit(encoded.charAt(position++));
      if (digit === undefined) return undefined;
      index += digit * weight;
      if (index > 0x7fffffff) return undefined;
      const threshold = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
      if (digit < threshold) break;
      if (position >= encoded.length) return undefined;
      weight *= base - threshold;
    }
    const length = output.length + 1;
    bias = punycodeBias(index - before, length, before === 0);
    code += Math.floor(index / length);
    index %= length;
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    output.splice(index, 0, code);
    index += 1;
  }
  return String.fromCodePoint(...output);
}

/**
 * Ranges of letters an `xn--` label may stand for besides ASCII: scripts without combining marks
 * or right-to-left rules, encoded the same for decades, which every engine's IDNA checks read
 * alike: Greek and Cyrillic small letters, Hiragana, Katakana (with the prolonged sound mark),
 * CJK Unified Ideographs of Unicode 1.1 and Hangul syllables. Latin ones: `isPortableDomainLetter`.
 */
const IDNA_RANGES: readonly (readonly [number, number])[] = [
  [0x3ac, 0x3ce],
  [0x430, 0x45f],
  [0x3041, 0x3094],
  [0x30a1, 0x30fa],
  [0x30fc, 0x30fc],
  [0x4e00, 0x9fa5],
  [0xac00, 0xd7a3],
];

function isPortableIdnaLetter(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    isPortableDomainLetter(char) || IDNA_RANGES.some(([from, to]) => code >= from && code <= to)
  );
}

/**
 * True for an `xn--` label that is the IDNA form of an international label the engines agree
 * on: its punycode decodes (RFC 3492) to letters, digits and hyphens, not all ASCII, the non-ASCII
 * ones from `IDNA_RANGES` or portable Latin letters, and the URL parser encodes that back to the
 * same label. Needed because Chromium passes an all-ASCII host through unchecked while Node
 * decodes and checks every `xn--` label, each with its own Unicode tables: without this,
 * `https://xn--a.com/` (not punycode) or a label decoding to a lone combining mark or a newer
 * character would be valid in one engine only.
 */
function isIdnaLabel(label: string): boolean {
  const decoded = decodePunycode(label.slice('xn--'.length));
  if (decoded === undefined || !/[\u0080-\u{10ffff}]/u.test(decoded)) return false;
  for (const char of decoded) {
    if (char > '\x7f' ? !isPortableIdnaLetter(char) : !/^[a-z0-9-]$/.test(char)) return false;
  }
  try {
    return new URL(`https://${decoded}.example/`).hostname === `${label}.example`;
  } catch {
    return false;
  }
}

/**
 * True for a host a device user anywhere on the internet can reach by name: a DNS name of at
 * least two labels, each 1 to 63 letters, digits and inner hyphens, a top-level domain of letters
 * (or `xn--`), at most 253 characters, and not `localhost` or under it.
 */
function isPublicDnsName(hostname: string): boolean {
  if (hostname.length > MAX_HOST_LENGTH) return false;
  const labels = hostname.split('.');
  const tld = labels[labels.length - 1] ?? '';
  return (
    labels.length >= 2 &&
    labels.every(
      (label) => HOST_LABEL.test(label) && (!label.startsWith('xn--') || isIdnaLabel(label)),
    ) &&
    HOST_TLD.test(tld) &&
    tld !== 'localhost'
  );
}

/**
 * Validates an optional HTTPS URL (enrollment and remediation pages). Blank means "not set" and
 * is returned as `undefined`; an accepted URL is returned in its normalised form, the WHATWG URL
 * serialisation (`URL.href`), which is what is stored and shown.
 *
 * The policy, identical in browsers and the server's Node (`server/test/verdicts.test.ts`
 * compares them). These URLs are shown to device users, anywhere on the public internet, to
 * enrol or fix their device, so the link must name a public host and read as what it is:
 * - the scheme is read from the text as typed: only `https:` (`url-not-https`);
 * - no whitespace (`url-whitespace`), no control character in the host, and no bidirectional
 *   formatting character (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) anywhere, typed
 *   or percent-encoded: they make a link display differently from where it leads (`url-invalid`);
 * - the domain may hold only ASCII and portable Latin letters (`url-idn`, see
 *   `isPortableDomainLetter`), then `new URL()` must parse it (`url-invalid`);
 * - no user name or password (`url-credentials`);
 * - the host is a public DNS name (`url-invalid`): two labels at least (a single-label host such
 *   as `https://intranet/` only resolves on the company network), no empty label (`a..com`, or
 *   the trailing dot of `a.com.`), each label 1-63 letters, digits and inner hyphens (no leading
 *   or trailing hyphen, no `_`), an `xn--` label only as the valid IDNA form of a label in
 *   Latin, Greek, Cyrillic, Japanese kana, CJK ideographs or Hangul (see `isIdnaLabel`), a top-level domain of letters or `xn--`, 253
 *   characters at most. So IP literals are refused (IPv4 in any of its spellings, since a numeric last label
 *   is an IPv4 address to the parser, and IPv6 in brackets): a bare address is not a name the
 *   user can recognise, public certificates are rarely issued for one, and a private one does not
 *   reach a device off the network; `localhost` and `*.localhost` are refused too: they are the
 *   user's own device;
 * - port 0 is refused (nothing can be reached there); any other port is kept;
 * - at most 2048 characters, as typed and once normalised (`url-too-long`).
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
  if (BIDI_CONTROL.test(raw)) return { ok: false, error: 'url-invalid' };
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
  if (!isPublicDnsName(url.hostname) || url.port === '0') {
    return { ok: false, error: 'url-invalid' };
  }
  if (ENCODED_BIDI_CONTROL.test(url.href)) return { ok: false, error: 'url-invalid' };
  if (url.href.length > MAX_URL_LENGTH) return { ok: false, error: 'url-too-long' };
  return { ok: true, value: url.href };
}

/** True for an absolute `https:` URL without credentials: the only kind the kit puts in `href`. */
export function isSafeHttpsUrl(value: unknown): value is string {
  const result = validateHttpsUrl(value);
  return result.ok && result.value !== undefined;
}
