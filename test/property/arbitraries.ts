/**
 * Generators and independent oracles shared by the property suites in this folder.
 *
 * The oracles restate the rules of the domain notes (tenant IDs, HTTPS URLs, consent `state`)
 * with plain string code, on purpose without the regular expressions of `src/core`, so that a
 * property compares two independent readings of the same rule.
 */
import fc, { type Arbitrary } from 'fast-check';
import type { TenantType } from '../../src/core/cloud.js';

/**
 * Parameters for every `fc.assert` here: the runner shows an error's message but not its
 * `cause`, so the failed expectation is put in fast-check's report, next to seed and path.
 */
export function runs(numRuns: number): Parameters<typeof fc.assert>[1] {
  return { numRuns, includeErrorInReport: true };
}

// ---------------------------------------------------------------------------------------------
// Oracles
// ---------------------------------------------------------------------------------------------

const HEX_DIGITS = '0123456789abcdef';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const HYPHENS_AT = [8, 13, 18, 23];

export const NIL = '00000000-0000-0000-0000-000000000000';
export const PERSONAL = '9188040d-6c67-4c5b-b112-36a304b66dad';
export const MULTI = ['common', 'organizations', 'consumers'] as const;

/** `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lower-case hex only. */
export function oracleIsLowerGuid(value: string): boolean {
  if (value.length !== 36) return false;
  for (let i = 0; i < value.length; i++) {
    const char = value.charAt(i);
    if (HYPHENS_AT.includes(i) ? char !== '-' : !HEX_DIGITS.includes(char)) return false;
  }
  return true;
}

function isLabel(label: string): boolean {
  if (label.length < 1 || label.length > 63) return false;
  if (label.startsWith('-') || label.endsWith('-')) return false;
  for (const char of label) {
    if (!LOWER.includes(char) && !DIGITS.includes(char) && char !== '-') return false;
  }
  return true;
}

function isTopLevelLabel(label: string): boolean {
  if (!isLabel(label)) return false;
  if (label.startsWith('xn--')) return label.length > 4;
  if (label.length < 2) return false;
  for (const char of label) if (!LOWER.includes(char)) return false;
  return true;
}

/** A lower-case DNS name: 2+ labels of [a-z0-9-], letter (or `xn--`) TLD, at most 253 chars. */
export function oracleIsDomain(value: string): boolean {
  if (value.length > 253) return false;
  const labels = value.split('.');
  const tld = labels[labels.length - 1];
  return labels.length >= 2 && tld !== undefined && labels.every(isLabel) && isTopLevelLabel(tld);
}

export type OracleTenant =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string };

const UPPER = LOWER.toUpperCase();

/** `value` with A-Z turned into a-z, one by one, and every other character left as it is. */
export function oracleAsciiLower(value: string): string {
  let out = '';
  for (const char of value) {
    const at = UPPER.indexOf(char);
    out += at === -1 ? char : LOWER.charAt(at);
  }
  return out;
}

/**
 * What `validateTenantId` should answer, from the rules alone. Only ASCII letters are
 * case-folded: a non-ASCII letter (KELVIN SIGN, dotted capital I) never becomes an ASCII one.
 */
export function oracleTenant(input: string): OracleTenant {
  const value = oracleAsciiLower(input.trim());
  if (value === '') return { ok: false, error: 'tenant-required' };
  if ((MULTI as readonly string[]).includes(value)) return { ok: false, error: 'tenant-multi' };
  if (value === NIL) return { ok: false, error: 'tenant-nil' };
  if (value === PERSONAL) return { ok: false, error: 'tenant-personal' };
  if (oracleIsLowerGuid(value)) return { ok: true, value };
  if (value.length > 253) return { ok: false, error: 'tenant-too-long' };
  if (oracleIsDomain(value)) return { ok: true, value };
  return { ok: false, error: 'tenant-invalid' };
}

const STATE_CHARS = `${LOWER}${LOWER.toUpperCase()}${DIGITS}_-`;

/** A consent `state`: 16 to 128 URL-safe characters. */
export function oracleIsConsentState(value: string): boolean {
  if (value.length < 16 || value.length > 128) return false;
  for (const char of value) if (!STATE_CHARS.includes(char)) return false;
  return true;
}

/**
 * A redirect URI Microsoft would send the admin back to: https, or http on the loopback; at most
 * 2048 characters, without user name or password.
 */
export function oracleIsRedirectUri(value: string): boolean {
  if (value.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname);
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

export const tenantTypeArb: Arbitrary<TenantType> = fc.constantFrom('standard', 'gcc-high');

const hexChar = fc.constantFrom(...HEX_DIGITS);
const hexRun = (length: number) =>
  fc.string({ unit: hexChar, minLength: length, maxLength: length });

/** Any lower-case GUID except the nil GUID and the personal-accounts tenant. */
export const guidArb: Arbitrary<string> = fc
  .tuple(hexRun(8), hexRun(4), hexRun(4), hexRun(4), hexRun(12))
  .map((parts) => parts.join('-'))
  .filter((guid) => guid !== NIL && guid !== PERSONAL);

const alnum = fc.constantFrom(...`${LOWER}${DIGITS}`);
const letter = fc.constantFrom(...LOWER);
const labelChar = fc.oneof(
  { weight: 5, arbitrary: alnum },
  { weight: 1, arbitrary: fc.constant('-') },
);

const labelArb: Arbitrary<string> = fc.oneof(
  alnum,
  fc
    .tuple(alnum, fc.string({ unit: labelChar, maxLength: 61 }), alnum)
    .map(([first, middle, last]) => `${first}${middle}${last}`),
);
const tldArb: Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: letter, minLength: 2, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: letter, minLength: 2, maxLength: 63 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: labelChar, maxLength: 30 }), alnum)
      .map(([middle, last]) => `xn--${middle}${last}`),
  },
);

/** A lower-case DNS name that the rules accept (2 to 7 labels, at most 253 characters). */
export const domainArb: Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.array(labelArb, { minLength: 1, maxLength: 6 }), tldArb)
    .map(([labels, tld]) => [...labels, tld].join('.'))
    .filter((domain) => domain.length <= 253),
  labelArb.map((label) => `${label}.onmicrosoft.com`),
  labelArb.map((label) => `${label}.onmicrosoft.us`),
);

/** Domains of long labels, straddling the 253-character limit (valid labels, valid TLD). */
export const longDomainArb: Arbitrary<string> = fc
  .tuple(
    fc.array(fc.string({ unit: alnum, minLength: 50, maxLength: 63 }), {
      minLength: 3,
      maxLength: 5,
    }),
    fc.string({ unit: letter, minLength: 2, maxLength: 63 }),
  )
  .map(([labels, tld]) => [...labels, tld].join('.'));

/** Whitespace that `String.prototype.trim` removes, ASCII and not. */
export const paddingArb: Arbitrary<string> = fc.string({
  unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000', '\ufeff'),
  maxLength: 3,
});

export function padded(arb: Arbitrary<string>): Arbitrary<string> {
  return fc
    .tuple(paddingArb, arb, paddingArb)
    .map(([before, value, after]) => before + value + after);
}

/** Pairs of a value and the same value with each letter in random case. */
export function inAnyCase(arb: Arbitrary<string>): Arbitrary<readonly [string, string]> {
  return arb.chain((value) =>
    fc.mixedCase(fc.constant(value)).map((variant) => [value, variant] as const),
  );
}

/** Characters that tend to matter to parsers, plus any single code point. */
const trickyChar: Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '.',
    '-',
    '_',
    ' ',
    '/',
    '\\',
    ':',
    '@',
    '%',
    '#',
    '?',
    '\t',
    '\u0000',
    '\u212a', // KELVIN SIGN: lower-cases to ASCII "k"
    '\u0130', // LATIN CAPITAL LETTER I WITH DOT ABOVE
    'é',
    '\uff10', // FULLWIDTH DIGIT ZERO
    '\ud800', // lone surrogate
    'G',
    'x',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

type Mutation = {
  readonly kind: 'insert' | 'delete' | 'replace' | 'upper' | 'cut';
  readonly at: number;
  readonly char: string;
};

function applyMutation(value: string, mutation: Mutation): string {
  const at = value.length === 0 ? 0 : mutation.at % (value.length + 1);
  switch (mutation.kind) {
    case 'insert':
      return value.slice(0, at) + mutation.char + value.slice(at);
    case 'delete':
      return value.slice(0, at) + value.slice(at + 1);
    case 'replace':
      return value.slice(0, at) + mutation.char + value.slice(at + 1);
    case 'upper':
      return value.toUpperCase();
    case 'cut':
      return value.slice(0, at);
  }
}

/** `base` with one to three small edits: the typos and paste accidents an admin makes. */
export function mutated(base: Arbitrary<string>): Arbitrary<string> {
  const mutation: Arbitrary<Mutation> = fc.record({
    kind: fc.constantFrom('insert', 'delete', 'replace', 'upper', 'cut'),
    at: fc.nat({ max: 300 }),
    char: trickyChar,
  });
  return fc
    .tuple(base, fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([value, mutations]) => mutations.reduce(applyMutation, value));
}

/** Arbitrary text in every flavour fast-check has: UTF-16 units, code points, graphemes. */
export const anyTextArb: Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'grapheme-composite' }),
);

/** The identifiers the rules single out, in any case and padding. */
export const specialTenantArb: Arbitrary<string> = padded(
  fc.mixedCase(fc.constantFrom(...MULTI, NIL, PERSONAL)),
);

/** Everything an admin might type as a tenant ID, valid or not. */
export const tenantInputArb: Arbitrary<string> = fc.oneof(
  anyTextArb,
  padded(fc.mixedCase(guidArb)),
  padded(fc.mixedCase(domainArb)),
  specialTenantArb,
  mutated(guidArb),
  mutated(domainArb),
  mutated(specialTenantArb),
  longDomainArb,
);

/** Absolute https URLs without credentials, as fast-check builds them (RFC 3986 shapes). */
export const httpsUrlArb: Arbitrary<string> = fc.webUrl({
  validSchemes: ['https'],
  withQueryParameters: true,
  withFragments: true,
});

/** A consent `state` as `createConsentState` makes them, or any other valid length. */
export const consentStateArb: Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom(...STATE_CHARS), minLength: 43, maxLength: 43 }),
  fc.string({ unit: fc.constantFrom(...STATE_CHARS), minLength: 16, maxLength: 128 }),
);

// ---------------------------------------------------------------------------------------------
// Second hardening round: Unicode lookalikes, host policy, bidirectional controls
// ---------------------------------------------------------------------------------------------

/**
 * Non-ASCII characters that Unicode case mapping turns into (or out of) ASCII letters: KELVIN
 * SIGN (lower-cases to `k`), LATIN CAPITAL I WITH DOT ABOVE (to `i` + U+0307), LONG S and
 * DOTLESS I (upper-case to `S`, `I`), and fullwidth letters and digits.
 */
export const CASE_FOLDING_LOOKALIKES = [
  '\u212a',
  '\u0130',
  '\u017f',
  '\u0131',
  '\u212b',
  '\uff21',
  '\uff41',
  '\uff10',
] as const;

/** A valid tenant ID (GUID or domain, any case) with one character swapped for a lookalike. */
export const lookalikeTenantArb: Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.mixedCase(guidArb), fc.mixedCase(domainArb), fc.constantFrom('contoso.com')),
    fc.nat(),
    fc.constantFrom(...CASE_FOLDING_LOOKALIKES),
    fc.boolean(),
  )
  .map(([value, at, char, insert]) => {
    const i = at % value.length;
    return value.slice(0, i) + char + value.slice(insert ? i : i + 1);
  });

/** Bidirectional formatting characters: ALM, LRM, RLM, embeddings/overrides, isolates. */
export const BIDI_CONTROLS = [
  '\u061c',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
] as const;

/** A generated https URL with a bidirectional control inserted somewhere, raw or %-encoded. */
export const bidiUrlArb: Arbitrary<string> = fc
  .tuple(httpsUrlArb, fc.nat(), fc.constantFrom(...BIDI_CONTROLS), fc.boolean())
  .map(([url, at, char, encode]) => {
    const i = 'https://'.length + (at % (url.length - 'https://'.length + 1));
    return url.slice(0, i) + (encode ? encodeURIComponent(char) : char) + url.slice(i);
  });

const hostLabelArb: Arbitrary<string> = fc
  .tuple(letter, fc.string({ unit: alnum, maxLength: 10 }))
  .map(([first, rest]) => first + rest);

/** The rule a generated host breaks, and the host. */
export type HostCase = readonly [rule: string, host: string];

/** Hosts that break exactly one rule of the URL host policy (see `validateHttpsUrl`). */
export const badHostArb: Arbitrary<HostCase> = fc.oneof(
  fc
    .tuple(hostLabelArb, hostLabelArb, fc.nat({ max: 2 }))
    .map(([a, b, where]): HostCase => [
      'empty label',
      where === 0 ? `${a}..${b}.com` : where === 1 ? `.${a}.${b}.com` : `${a}.${b}.com.`,
    ]),
  fc
    .tuple(hostLabelArb, hostLabelArb, fc.boolean())
    .map(([a, b, start]): HostCase => ['hyphen', start ? `-${a}.${b}.com` : `${a}-.${b}.com`]),
  fc
    .tuple(fc.string({ unit: alnum, minLength: 64, maxLength: 80 }), hostLabelArb)
    .map(([long, b]): HostCase => ['label over 63', `${long}.${b}.com`]),
  hostLabelArb.map((label): HostCase => ['single label', label]),
  fc.ipV4().map((ip): HostCase => ['IPv4', ip]),
  fc.ipV4Extended().map((ip): HostCase => ['IPv4', ip]),
  fc.ipV6().map((ip): HostCase => ['IPv6', `[${ip}]`]),
  fc
    .tuple(fc.mixedCase(fc.constant('localhost')), fc.option(hostLabelArb))
    .map(([name, sub]): HostCase => ['localhost', sub === null ? name : `${sub}.${name}`]),
  fc
    .tuple(hostLabelArb, fc.string({ unit: letter, minLength: 2, maxLength: 5 }))
    .map(([a, tld]): HostCase => ['underscore', `${a}_x.${tld}`]),
);

/** https URLs on a host that breaks the policy, or with port 0. */
export const badHostUrlArb: Arbitrary<HostCase> = fc.oneof(
  fc
    .tuple(badHostArb, fc.webPath())
    .map(([[rule, host], path]): HostCase => [rule, `https://${host}${path}`]),
  fc
    .tuple(domainArb, fc.constantFrom('0', '00', '000'), fc.webPath())
    .map(([host, port, path]): HostCase => ['port 0', `https://${host}:${port}${path}`]),
);

/** Everything the second hardening round is about, for the Node/Chromium comparison. */
export const hardeningTenantArb: Arbitrary<string> = fc.oneof(
  lookalikeTenantArb,
  padded(fc.mixedCase(fc.constantFrom(NIL, PERSONAL))),
);
export const hardeningUrlArb: Arbitrary<string> = fc.oneof(
  bidiUrlArb,
  badHostUrlArb.map(([, url]) => url),
  fc
    .tuple(httpsUrlArb, fc.nat(), fc.constantFrom(...CASE_FOLDING_LOOKALIKES))
    .map(([url, at, char]) => {
      const host = new URL(url).host;
      const i = at % host.length;
      return url.replace(host, host.slice(0, i) + char + host.slice(i + 1));
    }),
);

/**
 * Counts the generated cases that reach a property's assertions, for a property that returns
 * early on some inputs: `reached()` where the checks begin, then `expectReached(share)` after
 * `fc.assert`, so a generator that stops producing such inputs fails the test instead of
 * letting it pass without checking anything.
 */
export function checkedCases(parameters: Parameters<typeof fc.assert>[1]) {
  const numRuns = parameters?.numRuns ?? 100;
  let count = 0;
  return {
    reached(): void {
      count += 1;
    },
    get count(): number {
      return count;
    },
    expectReached(share: number): void {
      if (count < share * numRuns)
        throw new Error(`only ${count} of ${numRuns} cases reached the check (< ${share * 100} %)`);
    },
  };
}
