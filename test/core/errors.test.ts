import { expect } from '@open-wc/testing';
import {
  AADSTS_REASONS,
  AdapterError,
  ERROR_CODES,
  consentErrorCode,
  isAadstsCode,
  isErrorCode,
  toKitError,
} from '../../src/core/errors.js';
import { en } from '../../src/i18n/index.js';

describe('core/errors', () => {
  describe('consentErrorCode', () => {
    it('has the documented AADSTS codes of consent and of verification', () => {
      expect(AADSTS_REASONS).to.deep.equal({
        AADSTS65001: 'consent-missing',
        AADSTS65004: 'consent-declined',
        AADSTS700016: 'consent-missing',
        AADSTS7000229: 'consent-missing',
        AADSTS90002: 'tenant-not-found',
        AADSTS90038: 'wrong-cloud',
        AADSTS500011: 'resource-not-found',
        AADSTS90094: 'admin-consent-required',
        AADSTS900023: 'tenant-malformed',
        AADSTS7000215: 'vendor-credentials',
        AADSTS700027: 'vendor-credentials',
        AADSTS50196: 'throttled',
      });
    });

    it('lists every error code once, and knows only those', () => {
      expect(new Set(ERROR_CODES).size).to.equal(ERROR_CODES.length);
      // The English catalog has a sentence for each ErrorCode (the compiler checks it).
      expect([...ERROR_CODES].sort()).to.deep.equal(Object.keys(en.errors).sort());
      for (const code of ERROR_CODES) expect(isErrorCode(code), code).to.equal(true);
      for (const value of [
        '__proto__',
        'toString',
        'AADSTS65001',
        '',
        'Consent-Missing',
        42,
        null,
      ]) {
        expect(isErrorCode(value), String(value)).to.equal(false);
      }
      for (const reason of Object.values(AADSTS_REASONS)) {
        expect(isErrorCode(reason), reason).to.equal(true);
      }
    });

    for (const [code, reason] of Object.entries(AADSTS_REASONS)) {
      it(`maps ${code} to ${reason}, whatever the error`, () => {
        expect(consentErrorCode('access_denied', code)).to.equal(reason);
        expect(consentErrorCode('invalid_request', code)).to.equal(reason);
        expect(consentErrorCode(undefined, code)).to.equal(reason);
      });
    }

    it('maps access_denied without a known code', () => {
      expect(consentErrorCode('access_denied')).to.equal('access-denied');
      expect(consentErrorCode('access_denied', 'AADSTS99999')).to.equal('access-denied');
    });

    it('maps consent_required', () => {
      expect(consentErrorCode('consent_required')).to.equal('consent-missing');
    });

    it('maps anything else to consent-error', () => {
      expect(consentErrorCode('invalid_request')).to.equal('consent-error');
      expect(consentErrorCode(undefined)).to.equal('consent-error');
      expect(consentErrorCode('', 'AADSTS12345')).to.equal('consent-error');
    });

    it('does not treat Object.prototype names as AADSTS codes', () => {
      expect(isAadstsCode('toString')).to.be.false;
      expect(isAadstsCode('constructor')).to.be.false;
      expect(isAadstsCode(65001)).to.be.false;
      expect(isAadstsCode('AADSTS65001')).to.be.true;
      expect(consentErrorCode('x', 'hasOwnProperty')).to.equal('consent-error');
    });
  });

  describe('AdapterError', () => {
    it('carries code, detail, aadsts and cause', () => {
      const cause = new Error('root');
      const error = new AdapterError('wrong-cloud', 'Tenant is in another cloud', {
        aadsts: 'AADSTS90038',
        cause,
      });
      expect(error).to.be.instanceOf(Error);
      expect(error.name).to.equal('AdapterError');
      expect(error.code).to.equal('wrong-cloud');
      expect(error.detail).to.equal('Tenant is in another cloud');
      expect(error.message).to.equal('Tenant is in another cloud');
      expect(error.aadsts).to.equal('AADSTS90038');
      expect(error.cause).to.equal(cause);
    });

    it('uses the code as message without detail', () => {
      const error = new AdapterError('timeout');
      expect(error.message).to.equal('timeout');
      expect(error.detail).to.equal(undefined);
      expect(error.aadsts).to.equal(undefined);
    });
  });

  describe('toKitError', () => {
    it('keeps the code, detail and aadsts of an AdapterError', () => {
      expect(
        toKitError(new AdapterError('app-not-found', 'no app', { aadsts: 'AADSTS700016' })),
      ).to.deep.equal({ code: 'app-not-found', detail: 'no app', aadsts: 'AADSTS700016' });
    });

    it('keeps the permissions missing and the wait of an AdapterError', () => {
      const error = toKitError(
        new AdapterError('permissions-missing', 'roles', {
          permissions: ['A.Read.All'],
          retryAfterSeconds: 0,
        }),
      );
      expect(error).to.deep.equal({
        code: 'permissions-missing',
        detail: 'roles',
        permissions: ['A.Read.All'],
        retryAfterSeconds: 0,
      });
    });

    it('drops undefined fields of an AdapterError', () => {
      const error = toKitError(new AdapterError('conflict'));
      expect(error).to.deep.equal({ code: 'conflict' });
      expect(Object.keys(error)).to.deep.equal(['code']);
    });

    it('maps an AbortError to aborted', () => {
      expect(toKitError(new DOMException('stop', 'AbortError'))).to.deep.equal({ code: 'aborted' });
      const controller = new AbortController();
      controller.abort();
      expect(toKitError(controller.signal.reason)).to.deep.equal({ code: 'aborted' });
    });

    it('maps a TimeoutError to timeout', () => {
      expect(toKitError(new DOMException('late', 'TimeoutError'))).to.deep.equal({
        code: 'timeout',
      });
    });

    it('maps a TypeError (fetch failure) to network', () => {
      expect(toKitError(new TypeError('Failed to fetch'))).to.deep.equal({
        code: 'network',
        detail: 'Failed to fetch',
      });
    });

    it('maps a plain Error to adapter', () => {
      expect(toKitError(new Error('boom'))).to.deep.equal({ code: 'adapter', detail: 'boom' });
      expect(toKitError(new RangeError('range'))).to.deep.equal({
        code: 'adapter',
        detail: 'range',
      });
    });

    it('maps a non-Error to adapter with its text', () => {
      expect(toKitError('nope')).to.deep.equal({ code: 'adapter', detail: 'nope' });
      expect(toKitError(404)).to.deep.equal({ code: 'adapter', detail: '404' });
      expect(toKitError(undefined)).to.deep.equal({ code: 'adapter', detail: 'undefined' });
      expect(toKitError({ code: 'conflict' })).to.deep.equal({
        code: 'adapter',
        detail: '[object Object]',
      });
    });
  });
});
