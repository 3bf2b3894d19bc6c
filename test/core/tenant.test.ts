import { expect } from '@open-wc/testing';
import {
  MAX_DOMAIN_LENGTH,
  MULTI_TENANT_ALIASES,
  NIL_GUID,
  PERSONAL_ACCOUNTS_TENANT,
  isGuid,
  validateTenantId,
  type TenantIdError,
} from '../../src/core/tenant.js';

const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

function expectError(input: unknown, error: TenantIdError): void {
  const result = validateTenantId(input);
  expect(result, `input ${JSON.stringify(input)}`).to.deep.equal({ ok: false, error });
}

function expectValue(input: unknown, value: string): void {
  const result = validateTenantId(input);
  expect(result, `input ${JSON.stringify(input)}`).to.deep.equal({ ok: true, value });
}

describe('core/tenant', () => {
  describe('isGuid', () => {
    it('accepts a lower-case GUID', () => {
      expect(isGuid(GUID)).to.be.true;
    });

    it('is case-sensitive (expects a normalised value)', () => {
      expect(isGuid(GUID.toUpperCase())).to.be.false;
    });

    it('rejects GUIDs with braces, missing dashes or wrong lengths', () => {
      for (const value of [
        `{${GUID}}`,
        GUID.replace(/-/g, ''),
        GUID.slice(1),
        `${GUID}0`,
        'g'.repeat(8) + GUID.slice(8),
        '',
      ]) {
        expect(isGuid(value), value).to.be.false;
      }
    });
  });

  describe('validateTenantId: required', () => {
    it('rejects the empty string', () => expectError('', 'tenant-required'));
    it('rejects blank strings', () => {
      expectError('   ', 'tenant-required');
      expectError('\t\n ', 'tenant-required');
    });
    it('rejects non-strings as required', () => {
      expectError(undefined, 'tenant-required');
      expectError(null, 'tenant-required');
      expectError(42, 'tenant-required');
      expectError({}, 'tenant-required');
    });
  });

  describe('validateTenantId: identifiers that are not one organisation', () => {
    it('exposes the three multi-tenant aliases', () => {
      expect([...MULTI_TENANT_ALIASES]).to.have.members(['common', 'organizations', 'consumers']);
    });

    for (const alias of ['common', 'organizations', 'consumers']) {
      it(`rejects "${alias}" in any case`, () => {
        expectError(alias, 'tenant-multi');
        expectError(alias.toUpperCase(), 'tenant-multi');
        expectError(alias[0]!.toUpperCase() + alias.slice(1), 'tenant-multi');
        expectError(`  ${alias}  `, 'tenant-multi');
      });
    }

    it('rejects the nil GUID', () => {
      expect(NIL_GUID).to.equal('00000000-0000-0000-0000-000000000000');
      expectError(NIL_GUID, 'tenant-nil');
      expectError(` ${NIL_GUID} `, 'tenant-nil');
    });

    it('rejects the personal-accounts tenant in any case', () => {
      expect(PERSONAL_ACCOUNTS_TENANT).to.equal('9188040d-6c67-4c5b-b112-36a304b66dad');
      expectError('9188040d-6c67-4c5b-b112-36a304b66dad', 'tenant-personal');
      expectError('9188040D-6C67-4C5B-B112-36A304B66DAD', 'tenant-personal');
    });
  });

  describe('validateTenantId: malformed identifiers', () => {
    it('rejects double dots', () => expectError('contoso..onmicrosoft.com', 'tenant-invalid'));
    it('rejects a leading or trailing dot', () => {
      expectError('.contoso.com', 'tenant-invalid');
      expectError('contoso.com.', 'tenant-invalid');
    });
    it('rejects inner spaces', () => {
      expectError('contoso onmicrosoft.com', 'tenant-invalid');
      expectError('contoso. com', 'tenant-invalid');
    });
    it('rejects markup', () => {
      expectError('<script>alert(1)</script>', 'tenant-invalid');
      expectError('<script>', 'tenant-invalid');
      expectError('contoso.com"><img src=x>', 'tenant-invalid');
    });
    it('rejects a 300-character value as too long', () => {
      expectError('a'.repeat(300), 'tenant-too-long');
      expectError(`${'a'.repeat(63)}.`.repeat(4) + 'com', 'tenant-too-long');
    });
    it('accepts a domain of exactly the maximum length', () => {
      // 63 + 1 + 63 + 1 + 63 + 1 + 57 + 1 + 3 = 253
      const domain = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
      expect(domain.length).to.equal(MAX_DOMAIN_LENGTH);
      expectValue(domain, domain);
      expectError(`x${domain}`, 'tenant-too-long');
    });
    it('rejects a label longer than 63 characters', () => {
      expectError(`${'a'.repeat(64)}.com`, 'tenant-invalid');
      expectValue(`${'a'.repeat(63)}.com`, `${'a'.repeat(63)}.com`);
    });
    it('rejects a GUID one character short (or long)', () => {
      expectError(GUID.slice(0, -1), 'tenant-invalid');
      expectError(`${GUID}a`, 'tenant-invalid');
    });
    it('rejects a GUID with a non-hex character', () => {
      expectError(`z${GUID.slice(1)}`, 'tenant-invalid');
    });
    it('rejects a single label without a dot', () => {
      expectError('contoso', 'tenant-invalid');
      expectError('localhost', 'tenant-invalid');
    });
    it('rejects labels with leading or trailing hyphens', () => {
      expectError('contoso-.com', 'tenant-invalid');
      expectError('-contoso.com', 'tenant-invalid');
      expectError('contoso.onmicrosoft-.com', 'tenant-invalid');
    });
    it('rejects a numeric or one-letter top-level domain', () => {
      expectError('10.0.0.1', 'tenant-invalid');
      expectError('contoso.c', 'tenant-invalid');
      expectError('contoso.c0m', 'tenant-invalid');
    });
    it('rejects URLs, e-mail addresses and paths', () => {
      expectError('https://contoso.com', 'tenant-invalid');
      expectError('admin@contoso.com', 'tenant-invalid');
      expectError('contoso.com/tenant', 'tenant-invalid');
      expectError('contoso_corp.com', 'tenant-invalid');
    });
  });

  describe('validateTenantId: Unicode case folding never makes ASCII', () => {
    it('refuses KELVIN SIGN, dotted capital I, long s, dotless i and fullwidth letters', () => {
      for (const input of [
        '\u212aontoso.com', // K KELVIN SIGN lower-cases to "k"
        'contoso.\u0130o', // İ lower-cases to "i" + U+0307
        'micro\u017foft.com', // ſ upper-cases to "S"
        'contoso.\u0131o', // ı upper-cases to "I"
        'contoso.\uff23om', // fullwidth C
        '3f2504e0-4f89-41d3-9a0c-0305e82c330\uff11',
      ])
        expectError(input, 'tenant-invalid');
    });
    it('refuses a lookalike of a refused identifier as invalid, not as that identifier', () => {
      expectError('\u212aonsumers', 'tenant-invalid');
      expectError('common\u0130', 'tenant-invalid');
    });
  });

  describe('validateTenantId: accepted identifiers', () => {
    it('accepts a lower-case GUID unchanged', () => expectValue(GUID, GUID));
    it('accepts an upper-case GUID and normalises it to lower case', () => {
      expectValue(GUID.toUpperCase(), GUID);
      expectValue('3F2504E0-4f89-41D3-9a0c-0305E82C3301', GUID);
    });
    it('accepts *.onmicrosoft.com', () =>
      expectValue('contoso.onmicrosoft.com', 'contoso.onmicrosoft.com'));
    it('accepts *.onmicrosoft.us (GCC High)', () =>
      expectValue('contoso.onmicrosoft.us', 'contoso.onmicrosoft.us'));
    it('accepts a custom verified domain', () => {
      expectValue('contoso.com', 'contoso.com');
      expectValue('eu.contoso-group.co.uk', 'eu.contoso-group.co.uk');
      expectValue('xn--bcher-kva.example', 'xn--bcher-kva.example');
      expectValue('contoso.xn--p1ai', 'contoso.xn--p1ai');
    });
    it('lower-cases domains', () =>
      expectValue('Contoso.OnMicrosoft.COM', 'contoso.onmicrosoft.com'));
    it('trims surrounding whitespace', () => {
      expectValue(`  ${GUID}\t`, GUID);
      expectValue('\n contoso.onmicrosoft.com  ', 'contoso.onmicrosoft.com');
    });
  });
});
