import { expect } from '@open-wc/testing';
import { AUDIT_ACTIONS, auditEventSchema, createAuditEvent } from '../../src/core/audit.js';
import { createConsentState } from '../../src/core/consent.js';

const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('core/audit', () => {
  it('lists the audited actions: the four the kit writes, and verify-consent for backends', () => {
    expect([...AUDIT_ACTIONS]).to.deep.equal([
      'connect',
      'edit',
      'disconnect',
      'consent-rejected',
      'verify-consent',
    ]);
  });

  it('accepts a verify-consent event written by a backend', () => {
    const event = createAuditEvent(
      {
        actor: 'admin@contoso.com',
        action: 'verify-consent',
        outcome: 'failure',
        tenantId: TENANT,
        tenantType: 'standard',
        error: 'not-verified',
      },
      new Date(Date.UTC(2026, 0, 31)),
      'server-1',
    );
    expect(auditEventSchema.safeParse(event).success).to.be.true;
    expect(event.action).to.equal('verify-consent');
  });

  it('builds an event with the given clock and id', () => {
    const event = createAuditEvent(
      {
        actor: 'admin@contoso.com',
        action: 'connect',
        outcome: 'success',
        tenantId: TENANT,
        tenantType: 'gcc-high',
      },
      new Date(Date.UTC(2025, 4, 6, 7, 8, 9, 10)),
      'event-1',
    );
    expect(event).to.deep.equal({
      id: 'event-1',
      at: '2025-05-06T07:08:09.010Z',
      actor: 'admin@contoso.com',
      action: 'connect',
      outcome: 'success',
      tenantId: TENANT,
      tenantType: 'gcc-high',
    });
    expect(Object.keys(event)).to.not.include.members(['changes', 'error', 'aadsts']);
  });

  it('stamps UTC ISO time ending in Z and a fresh UUID by default', () => {
    const before = Date.now();
    const a = createAuditEvent({
      actor: 'a',
      action: 'edit',
      outcome: 'success',
      tenantId: TENANT,
      tenantType: 'standard',
    });
    const b = createAuditEvent({
      actor: 'a',
      action: 'edit',
      outcome: 'success',
      tenantId: TENANT,
      tenantType: 'standard',
    });
    expect(a.at).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(a.at)).to.be.within(before, Date.now());
    expect(a.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.id).not.to.equal(b.id);
  });

  it('copies changes, error and aadsts when given', () => {
    const changes = ['enrollmentUrl'];
    const event = createAuditEvent(
      {
        actor: 'a',
        action: 'edit',
        outcome: 'failure',
        tenantId: TENANT,
        tenantType: 'standard',
        changes,
        error: 'consent-declined',
        aadsts: 'AADSTS65004',
      },
      new Date(0),
      'x',
    );
    expect(event.changes).to.deep.equal(['enrollmentUrl']);
    expect(event.changes).not.to.equal(changes);
    expect(event.error).to.equal('consent-declined');
    expect(event.aadsts).to.equal('AADSTS65004');
    expect(event.at).to.equal('1970-01-01T00:00:00.000Z');
  });

  it('never carries the consent state, even if a caller passes extra fields', () => {
    const state = createConsentState();
    const input = {
      actor: 'a',
      action: 'connect' as const,
      outcome: 'success' as const,
      tenantId: TENANT,
      tenantType: 'standard' as const,
      state,
      consentState: state,
      enrollmentUrl: 'https://contoso.com',
    };
    const event = createAuditEvent(input);
    expect(JSON.stringify(event)).not.to.contain(state);
    expect(Object.keys(event)).to.have.members([
      'id',
      'at',
      'actor',
      'action',
      'outcome',
      'tenantId',
      'tenantType',
    ]);
  });

  describe('auditEventSchema', () => {
    const good = createAuditEvent(
      {
        actor: 'admin',
        action: 'disconnect',
        outcome: 'failure',
        tenantId: TENANT,
        tenantType: 'standard',
        changes: [],
        error: 'network',
      },
      new Date(),
      'id-1',
    );

    it('accepts what createAuditEvent builds', () => {
      expect(auditEventSchema.safeParse(good).success).to.be.true;
      for (const action of AUDIT_ACTIONS) {
        const event = createAuditEvent({
          actor: '',
          action,
          outcome: 'success',
          tenantId: TENANT,
          tenantType: 'gcc-high',
        });
        expect(auditEventSchema.safeParse(event).success, action).to.be.true;
      }
    });

    const bad: [string, unknown][] = [
      ['an empty id', { ...good, id: '' }],
      ['a non-ISO time', { ...good, at: 'now' }],
      ['an unknown action', { ...good, action: 'delete' }],
      ['an unknown outcome', { ...good, outcome: 'maybe' }],
      ['an unknown tenant type', { ...good, tenantType: 'dod' }],
      ['non-string changes', { ...good, changes: [1] }],
      ['a missing actor', { ...good, actor: undefined }],
    ];
    for (const [name, value] of bad) {
      it(`rejects ${name}`, () => {
        expect(auditEventSchema.safeParse(value).success).to.be.false;
      });
    }
  });
});
