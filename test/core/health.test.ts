import { expect } from '@open-wc/testing';
import {
  PARTNER_STATES,
  connectionHealthSchema,
  isHeartbeatStale,
  type ConnectionHealth,
} from '../../src/core/health.js';

const health = (overrides: Partial<ConnectionHealth> = {}): ConnectionHealth => ({
  checkedAt: '2026-03-01T10:00:00.000Z',
  partner: {
    state: 'enabled',
    lastHeartbeatAt: '2026-03-01T09:30:00.000Z',
    platforms: { ios: true, android: true, macos: false },
  },
  lastVerification: { at: '2026-03-01T09:00:00.000Z', verified: true },
  heartbeatMaxAgeMinutes: 30,
  ...overrides,
});

describe('core/health', () => {
  it('knows the six states Intune reports', () => {
    expect(PARTNER_STATES).to.deep.equal([
      'unknown',
      'unavailable',
      'enabled',
      'terminated',
      'rejected',
      'unresponsive',
    ]);
  });

  it('accepts a health answer, with or without a partner', () => {
    expect(connectionHealthSchema.safeParse(health()).success).to.equal(true);
    const withoutPartner = health({ partner: null, partnerProblem: 'forbidden' });
    expect(connectionHealthSchema.safeParse(withoutPartner).success).to.equal(true);
  });

  for (const [what, value] of [
    ['a bare enum value outside the list', { partner: { ...health().partner, state: 'on' } }],
    [
      'a local heartbeat time',
      { partner: { ...health().partner, lastHeartbeatAt: '2026-03-01 09:30' } },
    ],
    [
      'a platform flag as text',
      { partner: { ...health().partner, platforms: { ios: 'yes', android: true, macos: false } } },
    ],
    ['a threshold of 0 minutes', { heartbeatMaxAgeMinutes: 0 }],
    ['a fractional threshold', { heartbeatMaxAgeMinutes: 1.5 }],
    ['a verification without its time', { lastVerification: { verified: true } }],
    [
      'an AADSTS code that is not one',
      { lastVerification: { at: '2026-03-01T09:00:00.000Z', verified: false, aadsts: '<b>' } },
    ],
    ['an empty problem', { partner: null, partnerProblem: '' }],
  ] as const) {
    it(`refuses ${what}`, () => {
      expect(connectionHealthSchema.safeParse({ ...health(), ...value }).success).to.equal(false);
    });
  }

  it('calls a heartbeat stale past the threshold, or when there is none', () => {
    const at = (iso: string) => new Date(iso);
    expect(isHeartbeatStale(health(), at('2026-03-01T10:00:00.000Z'))).to.equal(false);
    expect(isHeartbeatStale(health(), at('2026-03-01T10:00:00.001Z'))).to.equal(true);
    const never = health({ partner: { ...health().partner!, lastHeartbeatAt: null } });
    expect(isHeartbeatStale(never, at('2026-03-01T09:31:00.000Z'))).to.equal(true);
    expect(isHeartbeatStale(health({ partner: null }), at('2026-03-01T09:31:00.000Z'))).to.equal(
      true,
    );
  });
});
