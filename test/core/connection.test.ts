import { expect } from '@open-wc/testing';
import {
  DRAFT_FIELDS,
  changedFields,
  clearFieldError,
  connectionSchema,
  draftFromConnection,
  emptyDraft,
  needsNewConsent,
  validateDraft,
  validateField,
  type Connection,
  type ConnectionInput,
  type Draft,
} from '../../src/core/connection.js';

const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

function connection(overrides: Partial<Connection> = {}): Connection {
  return {
    tenantType: 'standard',
    tenantId: TENANT,
    enrollmentUrl: 'https://contoso.com/enroll',
    remediationUrl: 'https://contoso.com/fix',
    connectedAt: '2025-01-02T03:04:05.000Z',
    updatedAt: '2025-01-02T03:04:05.000Z',
    version: 1,
    connectedBy: 'admin@contoso.com',
    ...overrides,
  };
}

function draft(overrides: Partial<Draft> = {}): Draft {
  return { ...emptyDraft(), tenantId: TENANT, ...overrides };
}

describe('core/connection', () => {
  it('emptyDraft defaults to Standard and blank fields', () => {
    expect(emptyDraft()).to.deep.equal({
      tenantType: 'standard',
      tenantId: '',
      enrollmentUrl: '',
      remediationUrl: '',
    });
    expect(emptyDraft('gcc-high').tenantType).to.equal('gcc-high');
  });

  it('lists the three draft fields', () => {
    expect([...DRAFT_FIELDS]).to.deep.equal(['tenantId', 'enrollmentUrl', 'remediationUrl']);
  });

  describe('validateField', () => {
    it('validates the tenant field as a tenant ID', () => {
      expect(validateField('tenantId', '')).to.equal('tenant-required');
      expect(validateField('tenantId', 'common')).to.equal('tenant-multi');
      expect(validateField('tenantId', TENANT)).to.equal(undefined);
    });
    it('validates the URL fields as optional HTTPS URLs', () => {
      expect(validateField('enrollmentUrl', 'http://x.com')).to.equal('url-not-https');
      expect(validateField('remediationUrl', 'https://u:p@x.com')).to.equal('url-credentials');
      expect(validateField('enrollmentUrl', '')).to.equal(undefined);
      expect(validateField('remediationUrl', 'https://x.com')).to.equal(undefined);
    });
  });

  describe('validateDraft', () => {
    it('reports every error at once', () => {
      const result = validateDraft({
        tenantType: 'gcc-high',
        tenantId: 'organizations',
        enrollmentUrl: 'http://contoso.com',
        remediationUrl: 'javascript:alert(1)',
      });
      expect(result).to.deep.equal({
        ok: false,
        errors: {
          tenantId: 'tenant-multi',
          enrollmentUrl: 'url-not-https',
          remediationUrl: 'url-not-https',
        },
      });
    });

    it('reports only the fields in error', () => {
      expect(validateDraft(draft({ tenantId: '', remediationUrl: 'https://a b' }))).to.deep.equal({
        ok: false,
        errors: { tenantId: 'tenant-required', remediationUrl: 'url-whitespace' },
      });
      expect(validateDraft(draft({ enrollmentUrl: 'ftp://x.com' }))).to.deep.equal({
        ok: false,
        errors: { enrollmentUrl: 'url-not-https' },
      });
    });

    it('returns the normalised input and omits blank URLs', () => {
      const result = validateDraft({
        tenantType: 'gcc-high',
        tenantId: ` ${TENANT.toUpperCase()} `,
        enrollmentUrl: ' https://Contoso.com ',
        remediationUrl: '   ',
      });
      expect(result).to.deep.equal({
        ok: true,
        value: { tenantType: 'gcc-high', tenantId: TENANT, enrollmentUrl: 'https://contoso.com/' },
      });
      expect(result.ok && Object.hasOwn(result.value, 'remediationUrl')).to.be.false;
    });

    it('keeps both URLs when set', () => {
      expect(
        validateDraft(
          draft({ enrollmentUrl: 'https://a.com/e', remediationUrl: 'https://a.com/r' }),
        ),
      ).to.deep.equal({
        ok: true,
        value: {
          tenantType: 'standard',
          tenantId: TENANT,
          enrollmentUrl: 'https://a.com/e',
          remediationUrl: 'https://a.com/r',
        },
      });
    });
  });

  describe('needsNewConsent', () => {
    const before: ConnectionInput = { tenantType: 'standard', tenantId: TENANT };
    it('is false when only URLs change', () => {
      expect(needsNewConsent(before, { ...before, enrollmentUrl: 'https://x.com/' })).to.be.false;
      expect(needsNewConsent(before, { ...before })).to.be.false;
    });
    it('is true when the tenant changes', () => {
      expect(needsNewConsent(before, { ...before, tenantId: 'contoso.com' })).to.be.true;
    });
    it('is true when the cloud changes', () => {
      expect(needsNewConsent(before, { ...before, tenantType: 'gcc-high' })).to.be.true;
    });
  });

  describe('changedFields', () => {
    it('lists nothing for identical inputs', () => {
      expect(changedFields(connection(), draftInput(connection()))).to.deep.equal([]);
    });
    it('treats missing and empty as the same', () => {
      expect(
        changedFields({ tenantType: 'standard', tenantId: TENANT }, {
          tenantType: 'standard',
          tenantId: TENANT,
          enrollmentUrl: '',
        } as ConnectionInput),
      ).to.deep.equal([]);
    });
    it('lists every changed field in a stable order', () => {
      expect(
        changedFields(connection(), {
          tenantType: 'gcc-high',
          tenantId: 'contoso.onmicrosoft.us',
          remediationUrl: 'https://contoso.com/other',
        }),
      ).to.deep.equal(['tenantType', 'tenantId', 'enrollmentUrl', 'remediationUrl']);
      expect(
        changedFields(connection(), {
          ...draftInput(connection()),
          enrollmentUrl: 'https://contoso.com/new',
        }),
      ).to.deep.equal(['enrollmentUrl']);
    });
  });

  describe('clearFieldError', () => {
    it('removes only the given field', () => {
      const errors = { tenantId: 'tenant-invalid', enrollmentUrl: 'url-not-https' } as const;
      expect(clearFieldError(errors, 'tenantId')).to.deep.equal({ enrollmentUrl: 'url-not-https' });
      expect(clearFieldError(errors, 'enrollmentUrl')).to.deep.equal({
        tenantId: 'tenant-invalid',
      });
      expect(errors).to.deep.equal({ tenantId: 'tenant-invalid', enrollmentUrl: 'url-not-https' });
    });
    it('returns the same object when the field has no error', () => {
      const errors = { tenantId: 'tenant-invalid' } as const;
      expect(clearFieldError(errors, 'remediationUrl')).to.equal(errors);
    });
  });

  describe('draftFromConnection', () => {
    it('copies the fields and blanks missing URLs', () => {
      expect(draftFromConnection(connection())).to.deep.equal({
        tenantType: 'standard',
        tenantId: TENANT,
        enrollmentUrl: 'https://contoso.com/enroll',
        remediationUrl: 'https://contoso.com/fix',
      });
      expect(
        draftFromConnection({ tenantType: 'gcc-high', tenantId: 'contoso.onmicrosoft.us' }),
      ).to.deep.equal({
        tenantType: 'gcc-high',
        tenantId: 'contoso.onmicrosoft.us',
        enrollmentUrl: '',
        remediationUrl: '',
      });
    });
    it('round-trips through validateDraft', () => {
      const result = validateDraft(draftFromConnection(connection()));
      expect(result).to.deep.equal({ ok: true, value: draftInput(connection()) });
    });
  });

  describe('connectionSchema', () => {
    it('accepts a good connection', () => {
      expect(connectionSchema.safeParse(connection()).success).to.be.true;
      const minimal = connection();
      delete (minimal as { enrollmentUrl?: string }).enrollmentUrl;
      delete (minimal as { remediationUrl?: string }).remediationUrl;
      delete (minimal as { connectedBy?: string }).connectedBy;
      expect(connectionSchema.safeParse(minimal).success).to.be.true;
      expect(
        connectionSchema.safeParse(
          connection({ tenantType: 'gcc-high', tenantId: 'contoso.onmicrosoft.us' }),
        ).success,
      ).to.be.true;
    });

    const bad: [string, unknown][] = [
      ['upper-case tenant', connection({ tenantId: TENANT.toUpperCase() })],
      ['untrimmed tenant', connection({ tenantId: ` ${TENANT}` })],
      ['multi-tenant alias', connection({ tenantId: 'common' })],
      ['http URL', connection({ enrollmentUrl: 'http://contoso.com/enroll' })],
      ['javascript URL', connection({ remediationUrl: 'javascript:alert(1)' })],
      ['empty URL', connection({ enrollmentUrl: '' })],
      ['version 0', connection({ version: 0 })],
      ['fractional version', connection({ version: 1.5 })],
      ['string version', { ...connection(), version: '1' }],
      ['unknown tenant type', { ...connection(), tenantType: 'dod' }],
      ['bad date', connection({ connectedAt: 'yesterday' })],
      ['date with an offset', connection({ connectedAt: '2025-01-02T03:04:05+01:00' })],
      ['impossible date', connection({ updatedAt: '2025-02-30T00:00:00Z' })],
      ['unsafe version', connection({ version: 2 ** 53 })],
      ['infinite version', connection({ version: Infinity })],
      ['missing updatedAt', { ...connection(), updatedAt: undefined }],
      ['null', null],
    ];
    for (const [name, value] of bad) {
      it(`rejects ${name}`, () => {
        expect(connectionSchema.safeParse(value).success).to.be.false;
      });
    }
  });
});

function draftInput(value: ConnectionInput): ConnectionInput {
  const input: { -readonly [K in keyof ConnectionInput]: ConnectionInput[K] } = {
    tenantType: value.tenantType,
    tenantId: value.tenantId,
  };
  if (value.enrollmentUrl !== undefined) input.enrollmentUrl = value.enrollmentUrl;
  if (value.remediationUrl !== undefined) input.remediationUrl = value.remediationUrl;
  return input;
}
