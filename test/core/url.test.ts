import { expect } from '@open-wc/testing';
import {
  MAX_URL_LENGTH,
  isSafeHttpsUrl,
  validateHttpsUrl,
  type UrlError,
} from '../../src/core/url.js';

function expectError(input: unknown, error: UrlError): void {
  expect(validateHttpsUrl(input), `input ${String(input).slice(0, 60)}`).to.deep.equal({
    ok: false,
    error,
  });
}

function expectValue(input: unknown, value: string | undefined): void {
  expect(validateHttpsUrl(input), `input ${String(input)}`).to.deep.equal({ ok: true, value });
}

describe('core/url', () => {
  describe('validateHttpsUrl: blank means not set', () => {
    it('returns ok undefined for blank, undefined and null', () => {
      expectValue('', undefined);
      expectValue('   ', undefined);
      expectValue('\t', undefined);
      expectValue(undefined, undefined);
      expectValue(null, undefined);
    });
  });

  describe('validateHttpsUrl: rejected', () => {
    it('rejects http:', () => expectError('http://contoso.com/enroll', 'url-not-https'));
    it('rejects javascript:', () => {
      expectError('javascript:alert(1)', 'url-not-https');
      expectError('JavaScript:alert(document.cookie)', 'url-not-https');
    });
    it('rejects data:', () => {
      expectError('data:text/html,<script>alert(1)</script>', 'url-not-https');
      expectError('data:text/html;base64,PHNjcmlwdD4=', 'url-not-https');
    });
    it('rejects ftp:', () => expectError('ftp://contoso.com/file', 'url-not-https'));
    it('rejects a URL without a scheme', () => {
      expectError('contoso.com/enroll', 'url-not-https');
      expectError('//contoso.com/enroll', 'url-not-https');
      expectError('/enroll', 'url-not-https');
    });
    it('rejects spaces in the host (and anywhere else)', () => {
      expectError('https://con toso.com/', 'url-whitespace');
      expectError('https://contoso.com/en roll', 'url-whitespace');
      expectError('https://contoso.com/\tenroll', 'url-whitespace');
    });
    it('rejects credentials', () => {
      expectError('https://user:password@contoso.com/', 'url-credentials');
      expectError('https://user@contoso.com/', 'url-credentials');
      expectError('https://:secret@contoso.com/', 'url-credentials');
    });
    it('rejects a URL over 2048 characters', () => {
      const long = `https://contoso.com/${'a'.repeat(MAX_URL_LENGTH)}`;
      expect(long.length).to.be.greaterThan(MAX_URL_LENGTH);
      expectError(long, 'url-too-long');
    });
    it('rejects a URL that grows past the limit once normalised', () => {
      // 2040 characters as typed, but each "<" becomes "%3C" in href.
      const raw = `https://c.co/${'<'.repeat(2040 - 13)}`;
      expect(raw.length).to.equal(2040);
      expectError(raw, 'url-too-long');
    });
    it('accepts a URL of exactly 2048 characters', () => {
      const base = 'https://contoso.com/';
      const exact = base + 'a'.repeat(MAX_URL_LENGTH - base.length);
      expectValue(exact, exact);
    });
    it('rejects unparsable URLs that have a scheme', () => {
      expectError('https://', 'url-invalid');
      expectError('https://[bad', 'url-invalid');
    });
    it('rejects hosts with characters outside DNS names', () => {
      expectError('https://contoso_corp.com/', 'url-invalid');
    });
    it('refuses a domain in a script whose encoding engines disagree on: url-idn', () => {
      expectError('https://例え.jp/enroll', 'url-idn');
      expectError('https://％４１.com/', 'url-idn');
      expectError('https://straße.de/', 'url-idn');
      expectError('https://b\u{1355A}ikrs.example/', 'url-idn');
      // The path may hold any character: percent-encoding is the same everywhere.
      expectValue('https://contoso.com/例え', 'https://contoso.com/%E4%BE%8B%E3%81%88');
    });
    it('reads the scheme as typed, before any parsing', () => {
      expectError('htts://contoso.com/', 'url-not-https');
      expectError('\u0001https://contoso.com/', 'url-not-https');
      expectError('https://conto\u0085so.com/', 'url-invalid');
      expectError('https://conto\u0000so.com/', 'url-invalid');
    });
    it('rejects non-string input', () => {
      expectError(42, 'url-invalid');
      expectError({ href: 'https://contoso.com' }, 'url-invalid');
    });
  });

  describe('validateHttpsUrl: accepted', () => {
    it('normalises through URL.href', () => {
      expectValue('https://contoso.com', 'https://contoso.com/');
      expectValue('HTTPS://Contoso.COM/Enroll?x=1#top', 'https://contoso.com/Enroll?x=1#top');
      expectValue('https://contoso.com:443/a', 'https://contoso.com/a');
      expectValue('https://contoso.com:8443/a', 'https://contoso.com:8443/a');
    });
    it('trims surrounding whitespace', () => {
      expectValue('  https://contoso.com/enroll  ', 'https://contoso.com/enroll');
    });
    it('accepts an IP address host', () => {
      expectValue('https://10.0.0.1/fix', 'https://10.0.0.1/fix');
      expectValue('https://[::1]/fix', 'https://[::1]/fix');
    });
    it('punycodes an international domain name in Latin letters', () => {
      expectValue('https://bücher.example/', 'https://xn--bcher-kva.example/');
      expectValue('https://Société.example/', 'https://xn--socit-esab.example/');
      expectValue('https://xn--r8jz45g.jp/', 'https://xn--r8jz45g.jp/');
    });
  });

  describe('isSafeHttpsUrl', () => {
    it('is true only for a set, valid https URL', () => {
      expect(isSafeHttpsUrl('https://contoso.com/enroll')).to.be.true;
      expect(isSafeHttpsUrl('')).to.be.false;
      expect(isSafeHttpsUrl(undefined)).to.be.false;
      expect(isSafeHttpsUrl('http://contoso.com')).to.be.false;
      expect(isSafeHttpsUrl('javascript:alert(1)')).to.be.false;
      expect(isSafeHttpsUrl('https://u:p@contoso.com')).to.be.false;
      expect(isSafeHttpsUrl(7)).to.be.false;
    });
  });
});
