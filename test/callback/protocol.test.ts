import { expect } from '@open-wc/testing';
import {
  CONSENT_CHANNEL,
  consentChannelName,
  isConsentCallbackMessage,
} from '../../src/callback/protocol.js';

const TENANT = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

describe('the consent callback message', () => {
  it('has a channel name of its own, the one of the default storage key', () => {
    expect(CONSENT_CHANNEL).to.equal('azure-compliance-connect/consent');
    expect(consentChannelName('azure-compliance-connect')).to.equal(CONSENT_CHANNEL);
    expect(consentChannelName('tenant-a')).to.equal('tenant-a/consent');
  });

  it('accepts the five known fields, each a string or absent', () => {
    expect(isConsentCallbackMessage({ type: 'consent-callback', params: {} })).to.be.true;
    expect(isConsentCallbackMessage({ type: 'consent-callback', id: 'a1b2', params: {} })).to.be
      .true;
    expect(
      isConsentCallbackMessage({
        type: 'consent-callback',
        params: {
          adminConsent: 'True',
          tenant: TENANT,
          state: 'abcdefghijklmnop',
          error: undefined,
          errorDescription: undefined,
        },
      }),
    ).to.be.true;
  });

  it('accepts `ambiguous`, the names of duplicated or empty parameters', () => {
    expect(
      isConsentCallbackMessage({
        type: 'consent-callback',
        params: { state: 'abcdefghijklmnop', ambiguous: 'tenant,admin_consent' },
      }),
    ).to.be.true;
    expect(
      isConsentCallbackMessage({ type: 'consent-callback', params: { ambiguous: ['tenant'] } }),
    ).to.be.false;
  });

  it('refuses anything else', () => {
    const refused: unknown[] = [
      null,
      'consent-callback',
      42,
      {},
      { type: 'other', params: {} },
      { type: 'consent-callback' },
      { type: 'consent-callback', params: null },
      { type: 'consent-callback', params: 'admin_consent=True' },
      { type: 'consent-callback', params: { admin_consent: 'True' } },
      { type: 'consent-callback', params: { state: 42 } },
      { type: 'consent-callback', params: { state: null } },
      { type: 'consent-callback', params: { errorDescription: 'x'.repeat(4097) } },
      { type: 'consent-callback', id: 42, params: {} },
      { type: 'consent-callback', id: 'x'.repeat(129), params: {} },
    ];
    for (const data of refused) {
      expect(isConsentCallbackMessage(data), JSON.stringify(data)).to.be.false;
    }
    expect(
      isConsentCallbackMessage({ type: 'consent-callback', params: { error: 'x'.repeat(4096) } }),
    ).to.be.true;
  });
});
