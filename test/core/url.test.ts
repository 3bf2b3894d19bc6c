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

  describe('validateHttpsUrl: the host policy (a public DNS name)', () => {
    it('refuses empty labels, also the trailing dot', () => {
      for (const url of [
        'https://a..com/',
        'https://.a.com/',
        'https://a.com./',
        'https://a.com../',
      ])
        expectError(url, 'url-invalid');
    });
    it('refuses labels that start or end with a hyphen', () => {
      for (const url of [
        'https://-a.com/',
        'https://a-.com/',
        'https://a.-b-.com/',
        'https://a.com-/',
      ])
        expectError(url, 'url-invalid');
    });
    it('refuses a label over 63 characters and a name over 253', () => {
      expectError(`https://${'a'.repeat(64)}.com/`, 'url-invalid');
      expectError(`https://${'a.'.repeat(126)}com/`, 'url-invalid');
    });
    it('refuses port 0, however written', () => {
      expectError('https://contoso.com:0/', 'url-invalid');
      expectError('https://contoso.com:000/', 'url-invalid');
    });
    it('refuses a single-label host', () => {
      expectError('https://intranet/', 'url-invalid');
      expectError('https://intranet:8443/enroll', 'url-invalid');
    });
    it('refuses IP literals, v4 in every spelling and v6', () => {
      for (const url of [
        'https://10.0.0.1/fix',
        'https://127.1/',
        'https://0x7f.0.0.1/',
        'https://4294967295/',
        'https://contoso.1/',
        'https://[::1]/fix',
        'https://[2001:db8::1]/',
        'https://[::ffff:127.0.0.1]/',
      ])
        expectError(url, 'url-invalid');
    });
    it('refuses localhost and names under it', () => {
      for (const url of ['https://localhost/', 'https://LOCALHOST:8443/', 'https://mdm.localhost/'])
        expectError(url, 'url-invalid');
    });
    it('refuses a numeric or one-letter top-level domain and underscores', () => {
      expectError('https://contoso.c/', 'url-invalid');
      expectError('https://contoso.c0m/', 'url-invalid');
      expectError('https://a_b.contoso.com/', 'url-invalid');
    });
    it('refuses bidirectional controls anywhere, typed or percent-encoded', () => {
      for (const char of ['\u061c', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069']) {
        expectError(`https://contoso.com/${char}enroll`, 'url-invalid');
        expectError(`https://contoso.com/enroll?x=${char}`, 'url-invalid');
        expectError(`https://contoso.com/#${char}`, 'url-invalid');
        expectError(`https://con${char}toso.com/`, 'url-invalid');
        expectError(`https://contoso.com/${encodeURIComponent(char)}`, 'url-invalid');
      }
      expectError('https://contoso.com/%e2%80%ae', 'url-invalid');
    });
    it('accepts an xn-- label only as the IDNA form of a label the engines agree on', () => {
      for (const url of [
        'https://xn--mnchen-3ya.de/',
        'https://xn--r8jz45g.jp/',
        'https://xn--e1afmkfd.com/',
        'https://xn--3e0b707e.kr/',
      ])
        expectValue(url, url);
      for (const url of [
        'https://xn--a.com/', // not punycode
        'https://xn--.com/',
        'https://xn--abc-.com/', // decodes to ASCII only
        'https://xn--4gbrim.com/', // Arabic: right-to-left rules differ between engines
        'https://xn--ls8h.la/', // an emoji
        'https://xn--1--jpq2cqw.com/', // starts with a combining mark
      ])
        expectError(url, 'url-invalid');
    });
    it('stores the normalised form (WHATWG serialisation)', () => {
      expectValue('HTTPS://MDM.Contoso.COM:443/a/../b?q#f', 'https://mdm.contoso.com/b?q#f');
      expectValue('https:contoso.com/x', 'https://contoso.com/x');
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
    it('accepts labels of 63 characters, inner hyphens and any port but 0', () => {
      const label = 'a'.repeat(63);
      expectValue(`https://${label}.contoso.com/`, `https://${label}.contoso.com/`);
      expectValue('https://my-mdm.contoso-corp.com/', 'https://my-mdm.contoso-corp.com/');
      expectValue('https://contoso.com:1/', 'https://contoso.com:1/');
      expectValue('https://contoso.com:65535/', 'https://contoso.com:65535/');
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
