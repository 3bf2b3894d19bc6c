import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  guardAdapter,
  type CallOptions,
  type ConnectionAdapter,
  type ConsentVerification,
  type VerifyConsentRequest,
} from '../../src/adapter/adapter.js';
import { BrowserStorageAdapter } from '../../src/adapter/browser-storage-adapter.js';
import type { AuditEvent } from '../../src/core/audit.js';
import type { Connection } from '../../src/core/connection.js';
import { AdapterError } from '../../src/core/errors.js';
import type { ConnectionHealth } from '../../src/core/health.js';
import { transition, type WizardEvent, type WizardState } from '../../src/core/machine.js';
import { HealthController } from '../../src/controller/health-controller.js';

const TENANT = 'contoso.com';
const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const ACTOR = 'admin@contoso.com';

const connection: Connection = {
  tenantType: 'gcc-high',
  tenantId: TENANT,
  enrollmentUrl: 'https://contoso.com/enroll',
  connectedAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  version: 3,
};

const health: ConnectionHealth = {
  checkedAt: '2025-01-02T00:00:00.000Z',
  partner: {
    state: 'enabled',
    lastHeartbeatAt: '2025-01-02T00:00:00.000Z',
    platforms: { ios: true, android: true, macos: true },
  },
  lastVerification: { at: '2025-01-01T00:00:00.000Z', verified: true },
  heartbeatMaxAgeMinutes: 60,
};

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

/** An adapter whose calls are recorded, with `loadHealth`; each answer can be replaced. */
class HealthAdapter implements ConnectionAdapter {
  stored: Connection | null = connection;
  readonly calls: { method: string; args: unknown[]; signal: AbortSignal }[] = [];
  health: () => Promise<unknown> = async () => health;
  verification: () => Promise<ConsentVerification> = async () => ({ verified: true });
  readonly audit: AuditEvent[] = [];

  callsTo(method: string) {
    return this.calls.filter((call) => call.method === method);
  }

  async loadConnection({ signal }: CallOptions) {
    this.calls.push({ method: 'loadConnection', args: [], signal });
    return this.stored;
  }
  async verifyConsent(request: VerifyConsentRequest, { signal }: CallOptions) {
    this.calls.push({ method: 'verifyConsent', args: [request], signal });
    return this.verification();
  }
  async loadHealth({ signal }: CallOptions) {
    this.calls.push({ method: 'loadHealth', args: [], signal });
    return (await this.health()) as ConnectionHealth;
  }
  async saveConnection(): Promise<Connection> {
    throw new Error('not in these tests');
  }
  async updateConnection(): Promise<Connection> {
    throw new Error('not in these tests');
  }
  async removeConnection(): Promise<void> {
    throw new Error('not in these tests');
  }
  async appendAuditEvent(event: AuditEvent) {
    this.audit.push(event);
  }
  async listAuditEvents() {
    return [...this.audit];
  }
}

/** A host that runs `hostUpdate` on every requested update, as a Lit element does. */
class FakeHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  #pending = false;
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }
  requestUpdate(): void {
    this.updates++;
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      for (const controller of this.controllers) controller.hostUpdate?.();
    });
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

function setup(adapter: ConnectionAdapter, initial: WizardState = connectedState()) {
  const host = new FakeHost();
  let state = initial;
  const sent: WizardEvent[] = [];
  const guarded = guardAdapter(adapter);
  const controller = new HealthController(host, {
    adapter: () => guarded,
    actor: () => ACTOR,
    state: () => state,
    send: (event) => {
      sent.push(event);
      const result = transition(state, event);
      if (!result.accepted) return false;
      state = result.state;
      host.requestUpdate();
      return true;
    },
    now: () => new Date('2025-01-02T10:00:00.000Z'),
  });
  return {
    host,
    controller,
    sent,
    state: () => state,
    /** Moves the wizard, as the composite would, and lets the host update. */
    move(next: WizardState) {
      state = next;
      host.requestUpdate();
    },
  };
}

function connectedState(value: Connection = connection): WizardState {
  return { status: 'connected', connection: value };
}

async function until(condition: () => boolean, message: string): Promise<void> {
  await waitUntil(condition, message, { timeout: 2000, interval: 5 });
}

describe('controller/HealthController', () => {
  it('registers with its host', () => {
    const { host, controller } = setup(new HealthAdapter());
    expect(host.controllers).to.deep.equal([controller]);
  });

  it('loads health when the wizard is connected: loading, then ready', async () => {
    const adapter = new HealthAdapter();
    const answer = deferred<unknown>();
    adapter.health = () => answer.promise;
    const { host, controller } = setup(adapter);
    host.requestUpdate();
    await aTimeout(0);
    expect(controller.status).to.equal('loading');
    expect(adapter.callsTo('loadHealth')).to.have.length(1);
    answer.resolve(health);
    await until(() => controller.status === 'ready', 'health should load');
    expect(controller.health).to.deep.equal(health);
    expect(controller.error).to.equal(undefined);
  });

  it('does not load outside the connected states, and loads once per tenant and version', async () => {
    const adapter = new HealthAdapter();
    const wizard = setup(adapter, { status: 'choosing', draft: emptyDraft() });
    wizard.host.requestUpdate();
    await aTimeout(5);
    expect(adapter.callsTo('loadHealth')).to.have.length(0);
    wizard.move(connectedState());
    await until(() => wizard.controller.status === 'ready', 'loaded');
    // Other updates of the host do not load again.
    wizard.host.requestUpdate();
    wizard.move({ status: 'disconnecting', connection, reconnect: false });
    await aTimeout(5);
    wizard.move(connectedState());
    await aTimeout(5);
    expect(adapter.callsTo('loadHealth')).to.have.length(1);
    // A new version (an edit) or another tenant loads again.
    wizard.move(connectedState({ ...connection, version: 4 }));
    await until(() => adapter.callsTo('loadHealth').length === 2, 'a new version loads again');
    wizard.move(connectedState({ ...connection, tenantId: 'fabrikam.com', version: 4 }));
    await until(() => adapter.callsTo('loadHealth').length === 3, 'a new tenant loads again');
  });

  it('an adapter without loadHealth is unsupported, and is never asked', async () => {
    const storage = new BrowserStorageAdapter({ key: `health-test-${Date.now()}` });
    const { host, controller } = setup(storage);
    host.requestUpdate();
    await aTimeout(5);
    expect(controller.status).to.equal('unsupported');
    expect(controller.health).to.equal(undefined);
    expect(controller.reload()).to.be.true;
    expect(controller.status).to.equal('unsupported');
  });

  it('a failed load is failed with its error; reload() loads again', async () => {
    const adapter = new HealthAdapter();
    adapter.health = () => Promise.reject(new AdapterError('unavailable'));
    const { host, controller } = setup(adapter);
    host.requestUpdate();
    await until(() => controller.status === 'failed', 'the load should fail');
    expect(controller.error?.code).to.equal('unavailable');
    adapter.health = async () => health;
    expect(controller.reload()).to.be.true;
    expect(controller.status).to.equal('loading');
    await until(() => controller.status === 'ready', 'the reload should succeed');
    expect(controller.error).to.equal(undefined);
  });

  it('a malformed answer is failed with malformed-response', async () => {
    const adapter = new HealthAdapter();
    adapter.health = async () => ({ ...health, partner: { state: 'on' } });
    const { host, controller } = setup(adapter);
    host.requestUpdate();
    await until(() => controller.status === 'failed', 'the answer should be refused');
    expect(controller.error?.code).to.equal('malformed-response');
  });

  it('leaving the connected states aborts the load and forgets what was shown', async () => {
    const adapter = new HealthAdapter();
    adapter.health = () => new Promise(() => undefined);
    const wizard = setup(adapter);
    wizard.host.requestUpdate();
    await until(() => adapter.callsTo('loadHealth').length === 1, 'loading');
    const given = adapter.callsTo('loadHealth')[0]!.signal;
    wizard.move({
      status: 'editing',
      connection,
      draft: { tenantType: 'gcc-high', tenantId: TENANT, enrollmentUrl: '', remediationUrl: '' },
      errors: {},
    });
    await until(() => given.aborted, 'the load should be aborted');
    expect(wizard.controller.health).to.equal(undefined);
    expect(wizard.controller.reload()).to.be.false;
    // Back to connected: loaded again.
    adapter.health = async () => health;
    wizard.move(connectedState());
    await until(() => wizard.controller.status === 'ready', 'loaded again');
    expect(adapter.callsTo('loadHealth')).to.have.length(2);
  });

  it('removing the host aborts the load', async () => {
    const adapter = new HealthAdapter();
    adapter.health = () => new Promise(() => undefined);
    const { host, controller } = setup(adapter);
    host.requestUpdate();
    await until(() => adapter.callsTo('loadHealth').length === 1, 'loading');
    controller.hostDisconnected();
    await until(() => adapter.callsTo('loadHealth')[0]!.signal.aborted, 'aborted');
  });

  describe('checkNow', () => {
    it('verifies with via "check", reads the connection, sends REFRESHED, reloads health', async () => {
      const adapter = new HealthAdapter();
      const wizard = setup(adapter);
      wizard.host.requestUpdate();
      await until(() => wizard.controller.status === 'ready', 'loaded');
      const verification = deferred<ConsentVerification>();
      adapter.verification = () => verification.promise;
      const refreshed: Connection = {
        ...connection,
        tenantGuid: GUID,
        attention: { error: 'permissions-missing', since: '2025-01-02T09:00:00.000Z' },
      };
      adapter.stored = refreshed;
      adapter.health = async () => ({ ...health, checkedAt: '2025-01-02T10:00:00.000Z' });

      expect(wizard.controller.checkNow()).to.be.true;
      expect(wizard.controller.checking).to.be.true;
      expect(wizard.controller.checkResult).to.equal(undefined);
      // A second Check now while the first runs is ignored.
      expect(wizard.controller.checkNow()).to.be.false;
      await aTimeout(5);
      expect(adapter.callsTo('verifyConsent')).to.have.length(1);
      expect(adapter.callsTo('verifyConsent')[0]!.args[0]).to.deep.equal({
        tenantType: 'gcc-high',
        tenantId: TENANT,
        enrollmentUrl: 'https://contoso.com/enroll',
        actor: ACTOR,
        via: 'check',
      });
      // Still loaded while the check runs: health stays shown.
      expect(wizard.controller.status).to.equal('ready');

      verification.resolve({ verified: true, tenantGuid: GUID });
      await until(() => !wizard.controller.checking, 'the check should end');
      expect(adapter.calls.map((call) => call.method)).to.deep.equal([
        'loadHealth',
        'verifyConsent',
        'loadConnection',
        'loadHealth',
      ]);
      expect(wizard.sent).to.deep.equal([{ type: 'REFRESHED', connection: refreshed }]);
      expect(wizard.state()).to.deep.equal({ status: 'connected', connection: refreshed });
      expect(wizard.controller.checkResult).to.deep.equal({
        at: '2025-01-02T10:00:00.000Z',
        verified: true,
      });
      expect(wizard.controller.health?.checkedAt).to.equal('2025-01-02T10:00:00.000Z');
      await aTimeout(5);
      expect(adapter.callsTo('loadHealth'), 'no second load for the same version').to.have.length(
        2,
      );
    });

    it('a refusal is the result as a kit error; the connection stays connected', async () => {
      const refusals: [ConsentVerification, Record<string, unknown>][] = [
        [
          { verified: false, error: 'consent-missing', aadsts: 'AADSTS7000229' },
          { code: 'consent-missing', aadsts: 'AADSTS7000229' },
        ],
        [
          {
            verified: false,
            error: 'permissions-missing',
            permissions: ['DeviceManagementManagedDevices.Read.All'],
          },
          { code: 'permissions-missing', permissions: ['DeviceManagementManagedDevices.Read.All'] },
        ],
        [
          { verified: false, error: 'throttled', retryAfterSeconds: 30 },
          { code: 'throttled', retryAfterSeconds: 30 },
        ],
        [
          { verified: false, error: 'invalid_client', aadsts: 'AADSTS7000215' },
          { code: 'vendor-credentials' },
        ],
      ];
      for (const [answer, expected] of refusals) {
        const adapter = new HealthAdapter();
        adapter.verification = async () => answer;
        const wizard = setup(adapter);
        wizard.host.requestUpdate();
        await until(() => wizard.controller.status === 'ready', 'loaded');
        wizard.controller.checkNow();
        await until(() => !wizard.controller.checking, 'the check should end');
        const result = wizard.controller.checkResult;
        expect(result?.verified, JSON.stringify(answer)).to.be.false;
        if (result && !result.verified) expect(result.error).to.deep.include(expected);
        expect(wizard.state().status).to.equal('connected');
        // The backend may have marked the connection: it is read again all the same.
        expect(adapter.callsTo('loadConnection')).to.have.length(1);
        expect(wizard.sent.map((event) => event.type)).to.deep.equal(['REFRESHED']);
      }
    });

    it('a check that cannot run is its error, and nothing else is asked', async () => {
      const adapter = new HealthAdapter();
      adapter.verification = () => Promise.reject(new TypeError('Failed to fetch'));
      const wizard = setup(adapter);
      wizard.host.requestUpdate();
      await until(() => wizard.controller.status === 'ready', 'loaded');
      wizard.controller.checkNow();
      await until(() => !wizard.controller.checking, 'the check should end');
      const result = wizard.controller.checkResult;
      expect(result?.verified).to.be.false;
      if (result && !result.verified) expect(result.error.code).to.equal('network');
      expect(adapter.callsTo('loadConnection')).to.have.length(0);
      expect(adapter.callsTo('loadHealth')).to.have.length(1);
      expect(wizard.sent).to.deep.equal([]);
      expect(wizard.controller.status).to.equal('ready');
    });

    it('a connection removed elsewhere: REFRESHED with null leaves connected', async () => {
      const adapter = new HealthAdapter();
      const wizard = setup(adapter);
      wizard.host.requestUpdate();
      await until(() => wizard.controller.status === 'ready', 'loaded');
      adapter.stored = null;
      wizard.controller.checkNow();
      await until(() => wizard.state().status === 'choosing', 'back to choosing');
      expect(wizard.sent).to.deep.equal([{ type: 'REFRESHED', connection: null }]);
      await aTimeout(5);
      expect(wizard.controller.health).to.equal(undefined);
      expect(wizard.controller.checking).to.be.false;
    });

    it('is refused outside connected (disconnecting, choosing)', async () => {
      const adapter = new HealthAdapter();
      const wizard = setup(adapter, { status: 'disconnecting', connection, reconnect: false });
      expect(wizard.controller.checkNow()).to.be.false;
      wizard.move({ status: 'choosing', draft: emptyDraft() });
      expect(wizard.controller.checkNow()).to.be.false;
      await aTimeout(5);
      expect(adapter.callsTo('verifyConsent')).to.have.length(0);
    });

    it('leaving connected during a check aborts it, and nothing is sent', async () => {
      const adapter = new HealthAdapter();
      adapter.verification = () => new Promise(() => undefined);
      const wizard = setup(adapter);
      wizard.host.requestUpdate();
      await until(() => wizard.controller.status === 'ready', 'loaded');
      wizard.controller.checkNow();
      await until(() => adapter.callsTo('verifyConsent').length === 1, 'checking');
      wizard.move({ status: 'disconnecting', connection, reconnect: false });
      await aTimeout(5);
      expect(adapter.callsTo('verifyConsent')[0]!.signal.aborted).to.be.false;
      wizard.move({ status: 'choosing', draft: emptyDraft() });
      await until(() => adapter.callsTo('verifyConsent')[0]!.signal.aborted, 'aborted');
      expect(wizard.controller.checking).to.be.false;
      expect(wizard.sent).to.deep.equal([]);
    });

    it('writes no audit event of its own', async () => {
      const adapter = new HealthAdapter();
      const wizard = setup(adapter);
      wizard.host.requestUpdate();
      await until(() => wizard.controller.status === 'ready', 'loaded');
      wizard.controller.checkNow();
      await until(() => !wizard.controller.checking, 'the check should end');
      expect(adapter.audit).to.deep.equal([]);
    });
  });
});

function emptyDraft() {
  return { tenantType: 'standard', tenantId: '', enrollmentUrl: '', remediationUrl: '' } as const;
}
