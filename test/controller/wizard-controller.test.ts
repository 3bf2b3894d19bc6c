import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  guardAdapter,
  type CallOptions,
  type ConnectionAdapter,
  type ConsentVerification,
  type SaveConnectionRequest,
  type UpdateRequest,
  type VerifyConsentRequest,
} from '../../src/adapter/adapter.js';
import { BrowserStorageAdapter } from '../../src/adapter/browser-storage-adapter.js';
import { consentChannelName, type ConsentCallbackMessage } from '../../src/callback/protocol.js';
import { auditEventSchema, type AuditEvent } from '../../src/core/audit.js';
import {
  connectionInputOf,
  type Connection,
  type ConnectionInput,
} from '../../src/core/connection.js';
import { AdapterError } from '../../src/core/errors.js';
import type { WizardState, WizardStatus } from '../../src/core/machine.js';
import { WizardController } from '../../src/controller/wizard-controller.js';

const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const OTHER_TENANT = 'a1b2c3d4-0000-4000-8000-123456789abc';
const CLIENT = '11111111-2222-3333-4444-555555555555';
const REDIRECT = 'https://console.example.com/azure/callback';
const ACTOR = 'admin@contoso.com';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Method = keyof ConnectionAdapter;

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An in-memory adapter that records every call; each method can be replaced by a test. */
class FakeAdapter implements ConnectionAdapter {
  stored: Connection | null = null;
  readonly audit: AuditEvent[] = [];
  readonly calls: { method: Method; args: unknown[] }[] = [];
  readonly signals: AbortSignal[] = [];
  override: Partial<ConnectionAdapter> = {};
  #clock = 0;

  callsTo(method: Method): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  #record(method: Method, args: unknown[], options: CallOptions): void {
    this.calls.push({ method, args });
    this.signals.push(options.signal);
  }

  #now(): string {
    return new Date(Date.UTC(2025, 0, 1, 0, 0, this.#clock++)).toISOString();
  }

  loadConnection(options: CallOptions): Promise<Connection | null> {
    this.#record('loadConnection', [], options);
    return this.override.loadConnection?.(options) ?? Promise.resolve(this.stored);
  }

  verifyConsent(request: VerifyConsentRequest, options: CallOptions): Promise<ConsentVerification> {
    this.#record('verifyConsent', [request], options);
    return this.override.verifyConsent?.(request, options) ?? Promise.resolve({ verified: true });
  }

  saveConnection(
    input: ConnectionInput & { readonly actor: string },
    options: CallOptions,
  ): Promise<Connection> {
    this.#record('saveConnection', [input], options);
    if (this.override.saveConnection) return this.override.saveConnection(input, options);
    const at = this.#now();
    this.stored = {
      ...connectionInputOf(input),
      connectedAt: at,
      updatedAt: at,
      version: 1,
      connectedBy: input.actor,
    };
    return Promise.resolve(this.stored);
  }

  updateConnection(request: UpdateRequest, options: CallOptions): Promise<Connection> {
    this.#record('updateConnection', [request], options);
    if (this.override.updateConnection) return this.override.updateConnection(request, options);
    const current = this.stored!;
    this.stored = {
      ...connectionInputOf(request),
      connectedAt: current.connectedAt,
      updatedAt: this.#now(),
      version: current.version + 1,
    };
    return Promise.resolve(this.stored);
  }

  removeConnection(options: CallOptions): Promise<void> {
    this.#record('removeConnection', [], options);
    if (this.override.removeConnection) return this.override.removeConnection(options);
    this.stored = null;
    return Promise.resolve();
  }

  appendAuditEvent(event: AuditEvent, options: CallOptions): Promise<void> {
    this.#record('appendAuditEvent', [event], options);
    if (this.override.appendAuditEvent) return this.override.appendAuditEvent(event, options);
    this.audit.push(event);
    return Promise.resolve();
  }

  listAuditEvents(options: CallOptions & { readonly limit?: number }): Promise<AuditEvent[]> {
    this.#record('listAuditEvents', [], options);
    return Promise.resolve([...this.audit].reverse());
  }
}

function existing(overrides: Partial<Connection> = {}): Connection {
  return {
    tenantType: 'standard',
    tenantId: TENANT,
    enrollmentUrl: 'https://contoso.com/enroll',
    connectedAt: '2024-12-01T00:00:00.000Z',
    updatedAt: '2024-12-01T00:00:00.000Z',
    version: 4,
    connectedBy: 'someone@contoso.com',
    ...overrides,
  };
}

class FakeHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }
  requestUpdate(): void {
    this.updates++;
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

interface Setup {
  adapter: FakeAdapter;
  host: FakeHost;
  controller: WizardController;
  changes: [WizardStatus, WizardStatus][];
  audited: AuditEvent[];
  options: { clientId: string; redirectUri: string; actor: string };
}

function setup(
  adapter = new FakeAdapter(),
  init: Partial<Setup['options']> = {},
  connect = true,
): Setup {
  const host = new FakeHost();
  const options = { clientId: CLIENT, redirectUri: REDIRECT, actor: ACTOR, ...init };
  const changes: [WizardStatus, WizardStatus][] = [];
  const audited: AuditEvent[] = [];
  const controller = new WizardController(host, {
    adapter: () => adapter,
    actor: () => options.actor,
    clientId: () => options.clientId,
    redirectUri: () => options.redirectUri,
    onChange: (state, previous) => changes.push([previous.status, state.status]),
    audit: (event) => {
      audited.push(event);
      adapter
        .appendAuditEvent(event, { signal: new AbortController().signal })
        .catch(() => undefined);
    },
  });
  if (connect) controller.hostConnected();
  return { adapter, host, controller, changes, audited, options };
}

function signal(): AbortSignal {
  return new AbortController().signal;
}

async function until(controller: WizardController, status: WizardStatus): Promise<void> {
  await waitUntil(
    () => controller.state.status === status,
    `expected ${status}, still ${controller.state.status}`,
    { timeout: 2000, interval: 5 },
  );
}

function stateAs<S extends WizardStatus>(controller: WizardController, status: S) {
  expect(controller.state.status).to.equal(status);
  return controller.state as Extract<WizardState, { status: S }>;
}

/** Settles pending promise chains (adapter calls and audit flushes). */
async function settle(): Promise<void> {
  await aTimeout(10);
}

/** From choosing to awaiting-consent with a valid draft. */
function fillAndSubmit(controller: WizardController, tenantType: 'standard' | 'gcc-high') {
  expect(controller.send({ type: 'SELECT_TENANT_TYPE', tenantType })).to.be.true;
  expect(controller.send({ type: 'ADD' })).to.be.true;
  expect(controller.send({ type: 'EDIT_FIELD', field: 'tenantId', value: ` ${TENANT} ` })).to.be
    .true;
  expect(
    controller.send({
      type: 'EDIT_FIELD',
      field: 'remediationUrl',
      value: 'https://contoso.com/fix',
    }),
  ).to.be.true;
  expect(controller.send({ type: 'SUBMIT', consentState: controller.newConsentState() })).to.be
    .true;
}

describe('controller/WizardController', () => {
  let warn: typeof console.warn;
  let warnings: unknown[][];
  beforeEach(() => {
    warn = console.warn;
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
  });
  afterEach(() => {
    console.warn = warn;
  });

  it('registers itself with its host and starts in loading', () => {
    const { host, controller, adapter } = setup(new FakeAdapter(), {}, false);
    expect(host.controllers).to.deep.equal([controller]);
    expect(controller.state).to.deep.equal({ status: 'loading' });
    expect(adapter.calls).to.have.length(0);
  });

  describe('loading', () => {
    it('loads on connect -> choosing when nothing is connected', async () => {
      const { controller, adapter, changes, host } = setup();
      await until(controller, 'choosing');
      expect(adapter.callsTo('loadConnection')).to.have.length(1);
      expect(changes).to.deep.equal([['loading', 'choosing']]);
      expect(host.updates).to.be.at.least(1);
    });

    it('loads -> connected when a tenant is connected', async () => {
      const adapter = new FakeAdapter();
      adapter.stored = existing();
      const { controller } = setup(adapter);
      await until(controller, 'connected');
      expect(stateAs(controller, 'connected').connection).to.deep.equal(existing());
    });

    it('does not load again on a second connect once loaded', async () => {
      const { controller, adapter } = setup();
      await until(controller, 'choosing');
      controller.hostConnected();
      await settle();
      expect(adapter.callsTo('loadConnection')).to.have.length(1);
    });

    it('load failure -> load-failed, then RELOAD loads again', async () => {
      const adapter = new FakeAdapter();
      adapter.override.loadConnection = () =>
        Promise.reject(new AdapterError('network', 'offline'));
      const { controller } = setup(adapter);
      await until(controller, 'load-failed');
      expect(stateAs(controller, 'load-failed').error).to.deep.equal({
        code: 'network',
        detail: 'offline',
      });
      delete adapter.override.loadConnection;
      adapter.stored = existing();
      expect(controller.send({ type: 'RELOAD' })).to.be.true;
      expect(controller.state.status).to.equal('loading');
      await until(controller, 'connected');
      expect(adapter.callsTo('loadConnection')).to.have.length(2);
    });

    it('ignores a load that finishes after the host disconnected', async () => {
      const adapter = new FakeAdapter();
      const pending = deferred<Connection | null>();
      adapter.override.loadConnection = () => pending.promise;
      const { controller, changes } = setup(adapter);
      await settle();
      controller.hostDisconnected();
      expect(adapter.signals[0]!.aborted).to.be.true;
      pending.resolve(existing());
      await settle();
      expect(controller.state.status).to.equal('loading');
      expect(changes).to.deep.equal([]);
    });

    it('waits for the first host update before loading, and not at all once disconnected', async () => {
      const adapter = new FakeAdapter();
      const { controller } = setup(adapter);
      expect(adapter.callsTo('loadConnection')).to.have.length(0);
      controller.hostDisconnected();
      await settle();
      expect(adapter.callsTo('loadConnection')).to.have.length(0);
      controller.hostConnected();
      await settle();
      expect(adapter.callsTo('loadConnection')).to.have.length(1);
    });

    it('reload() loads again from an idle state and is refused mid-flow', async () => {
      const adapter = new FakeAdapter();
      const { controller } = setup(adapter);
      await until(controller, 'choosing');
      expect(controller.reload()).to.be.true;
      await until(controller, 'choosing');
      expect(adapter.callsTo('loadConnection')).to.have.length(2);
      controller.send({ type: 'ADD' });
      controller.send({ type: 'EDIT_FIELD', field: 'tenantId', value: 'contoso.com' });
      expect(controller.reload()).to.be.false;
      expect(stateAs(controller, 'filling').draft.tenantId).to.equal('contoso.com');
      expect(adapter.callsTo('loadConnection')).to.have.length(2);
    });
  });

  describe('adding a tenant', () => {
    it('runs the full flow: verify, save, audit', async () => {
      const { controller, adapter, audited, changes } = setup();
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'gcc-high');
      const waiting = stateAs(controller, 'awaiting-consent');
      const consentState = waiting.attempt.state;
      expect(controller.send({ type: 'CONFIRM' })).to.be.false;
      expect(controller.send({ type: 'SET_CONSENT_GIVEN', value: true })).to.be.true;
      expect(controller.send({ type: 'CONFIRM' })).to.be.true;
      expect(controller.state.status).to.equal('verifying');
      await until(controller, 'connected');

      const input = {
        tenantType: 'gcc-high',
        tenantId: TENANT,
        remediationUrl: 'https://contoso.com/fix',
      };
      expect(adapter.callsTo('verifyConsent')).to.deep.equal([
        [{ ...input, actor: ACTOR, via: 'manual' }],
      ]);
      const saves = adapter.callsTo('saveConnection');
      expect(saves).to.have.length(1);
      const { idempotencyKey, ...saved } = saves[0]![0] as SaveConnectionRequest;
      expect(saved).to.deep.equal({ ...input, actor: ACTOR });
      expect(idempotencyKey).to.match(UUID);
      expect(adapter.callsTo('updateConnection')).to.have.length(0);
      expect(stateAs(controller, 'connected').connection).to.deep.equal(adapter.stored);

      await settle();
      expect(adapter.audit).to.have.length(1);
      const event = adapter.audit[0]!;
      expect(auditEventSchema.safeParse(event).success).to.be.true;
      expect(event).to.include({
        actor: ACTOR,
        action: 'connect',
        outcome: 'success',
        tenantId: TENANT,
        tenantType: 'gcc-high',
      });
      expect(event).not.to.have.property('error');
      expect(event).not.to.have.property('changes');
      expect(event.at).to.match(/Z$/);
      const text = JSON.stringify(event);
      expect(text).not.to.contain(consentState);
      expect(text).not.to.contain(CLIENT);
      expect(audited).to.deep.equal([event]);
      expect(changes.map(([, to]) => to)).to.deep.equal([
        'choosing',
        'choosing',
        'filling',
        'filling',
        'filling',
        'awaiting-consent',
        'awaiting-consent',
        'verifying',
        'connected',
      ]);
    });

    it('uses "unknown" as the actor when none is given', async () => {
      const { controller, adapter } = setup(new FakeAdapter(), { actor: '' });
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'connected');
      await settle();
      expect(adapter.audit[0]!.actor).to.equal('unknown');
    });

    it('refuses a second CONFIRM while verifying and calls the adapter once', async () => {
      const adapter = new FakeAdapter();
      const verification = deferred<ConsentVerification>();
      adapter.override.verifyConsent = () => verification.promise;
      const { controller } = setup(adapter);
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      expect(controller.send({ type: 'CONFIRM' })).to.be.true;
      expect(controller.send({ type: 'CONFIRM' })).to.be.false;
      expect(controller.send({ type: 'SET_CONSENT_GIVEN', value: true })).to.be.false;
      expect(controller.send({ type: 'CONFIRM' })).to.be.false;
      await settle();
      expect(adapter.callsTo('verifyConsent')).to.have.length(1);
      expect(controller.state.status).to.equal('verifying');
      verification.resolve({ verified: true });
      await until(controller, 'connected');
      expect(adapter.callsTo('verifyConsent')).to.have.length(1);
      expect(adapter.callsTo('saveConnection')).to.have.length(1);
    });

    it('a declined consent (AADSTS65004 in error) -> awaiting-consent with the mapped error', async () => {
      const adapter = new FakeAdapter();
      adapter.override.verifyConsent = async () => ({ verified: false, error: 'AADSTS65004' });
      const { controller } = setup(adapter);
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      const attempt = stateAs(controller, 'awaiting-consent').attempt;
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'awaiting-consent');
      const state = stateAs(controller, 'awaiting-consent');
      expect(state.error).to.include({ code: 'consent-declined', aadsts: 'AADSTS65004' });
      expect(state.attempt).to.equal(attempt);
      expect(state.consentGiven).to.be.true;
      expect(adapter.callsTo('saveConnection')).to.have.length(0);
      await settle();
      expect(adapter.audit).to.have.length(1);
      expect(adapter.audit[0]).to.include({
        action: 'connect',
        outcome: 'failure',
        error: 'consent-declined',
        aadsts: 'AADSTS65004',
        tenantId: TENANT,
        actor: ACTOR,
      });
    });

    it('maps an OAuth error with a separate aadsts code', async () => {
      const adapter = new FakeAdapter();
      adapter.override.verifyConsent = async () => ({
        verified: false,
        error: 'invalid_client',
        aadsts: 'AADSTS700016',
      });
      const { controller } = setup(adapter);
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'awaiting-consent');
      expect(stateAs(controller, 'awaiting-consent').error).to.include({
        code: 'consent-missing',
        aadsts: 'AADSTS700016',
      });
    });

    it('keeps a kit code from the backend, with the permissions missing and the wait', async () => {
      const cases = [
        [
          {
            verified: false as const,
            error: 'permissions-missing',
            permissions: ['DeviceManagementConfiguration.Read.All'],
          },
          { code: 'permissions-missing', permissions: ['DeviceManagementConfiguration.Read.All'] },
        ],
        [
          {
            verified: false as const,
            error: 'throttled',
            aadsts: 'AADSTS50196',
            retryAfterSeconds: 30,
          },
          { code: 'throttled', aadsts: 'AADSTS50196', retryAfterSeconds: 30 },
        ],
        [
          { verified: false as const, error: 'vendor-credentials', aadsts: 'AADSTS7000215' },
          { code: 'vendor-credentials', aadsts: 'AADSTS7000215' },
        ],
        [{ verified: false as const, error: 'tenant-mismatch' }, { code: 'tenant-mismatch' }],
        [{ verified: false as const, error: '__proto__' }, { code: 'consent-error' }],
      ] as const;
      for (const [verification, expected] of cases) {
        const adapter = new FakeAdapter();
        adapter.override.verifyConsent = async () => verification;
        const { controller } = setup(adapter);
        await until(controller, 'choosing');
        fillAndSubmit(controller, 'standard');
        controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
        controller.send({ type: 'CONFIRM' });
        await until(controller, 'awaiting-consent');
        const error = stateAs(controller, 'awaiting-consent').error;
        expect(error?.code, verification.error).to.equal(expected.code);
        expect(error?.aadsts, verification.error).to.equal(
          'aadsts' in expected ? expected.aadsts : undefined,
        );
        expect(error?.permissions, verification.error).to.deep.equal(
          'permissions' in expected ? expected.permissions : undefined,
        );
        expect(error?.retryAfterSeconds, verification.error).to.equal(
          'retryAfterSeconds' in expected ? expected.retryAfterSeconds : undefined,
        );
        expect(adapter.stored, 'nothing is saved').to.equal(null);
        expect(adapter.callsTo('saveConnection'), 'no save was tried').to.have.length(0);
      }
    });

    it('reports not-verified when the backend sees no consent yet', async () => {
      const adapter = new FakeAdapter();
      adapter.override.verifyConsent = async () => ({ verified: false, error: 'not-verified' });
      const { controller } = setup(adapter);
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'awaiting-consent');
      expect(stateAs(controller, 'awaiting-consent').error?.code).to.equal('not-verified');
      // One click retries.
      adapter.override = {};
      expect(controller.send({ type: 'CONFIRM' })).to.be.true;
      await until(controller, 'connected');
      expect(adapter.callsTo('verifyConsent')).to.have.length(2);
    });

    it('a save failure after verification -> awaiting-consent with the error, audited', async () => {
      const adapter = new FakeAdapter();
      adapter.override.saveConnection = () =>
        Promise.reject(new AdapterError('conflict', 'already connected'));
      const { controller } = setup(adapter);
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'awaiting-consent');
      expect(stateAs(controller, 'awaiting-consent').error).to.deep.equal({
        code: 'conflict',
        detail: 'already connected',
      });
      await settle();
      expect(adapter.audit.map((e) => [e.action, e.outcome, e.error])).to.deep.equal([
        ['connect', 'failure', 'conflict'],
      ]);
    });

    it('a valid CALLBACK verifies via callback', async () => {
      const { controller, adapter } = setup();
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      const { state } = stateAs(controller, 'awaiting-consent').attempt;
      expect(
        controller.send({
          type: 'CALLBACK',
          params: { adminConsent: 'True', tenant: TENANT, state },
        }),
      ).to.be.true;
      await until(controller, 'connected');
      expect((adapter.callsTo('verifyConsent')[0]![0] as VerifyConsentRequest).via).to.equal(
        'callback',
      );
    });

    it('a failed CALLBACK is audited as consent-rejected and calls nothing else', async () => {
      const { controller, adapter } = setup();
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'gcc-high');
      const { state } = stateAs(controller, 'awaiting-consent').attempt;
      controller.send({
        type: 'CALLBACK',
        params: {
          adminConsent: 'True',
          state,
          error: 'access_denied',
          errorDescription: 'AADSTS90038: Tenant is in another cloud.',
        },
      });
      expect(stateAs(controller, 'awaiting-consent').error).to.deep.equal({
        code: 'wrong-cloud',
        aadsts: 'AADSTS90038',
      });
      controller.send({ type: 'CALLBACK', params: { state: 'forged-state-1234567890' } });
      expect(stateAs(controller, 'awaiting-consent').error).to.deep.equal({
        code: 'state-mismatch',
      });
      await settle();
      expect(adapter.callsTo('verifyConsent')).to.have.length(0);
      expect(adapter.audit.map((e) => [e.action, e.outcome, e.error, e.aadsts])).to.deep.equal([
        ['consent-rejected', 'failure', 'wrong-cloud', 'AADSTS90038'],
        ['consent-rejected', 'failure', 'state-mismatch', undefined],
      ]);
      expect(adapter.audit[0]!.tenantType).to.equal('gcc-high');
      expect(JSON.stringify(adapter.audit)).not.to.contain(state);
    });

    it('aborting while verifying (host disconnected) ends in awaiting-consent', async () => {
      const adapter = new FakeAdapter();
      adapter.override.verifyConsent = (_request, { signal }) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new AdapterError('aborted'))),
        );
      const { controller } = setup(adapter);
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      controller.hostDisconnected();
      await until(controller, 'awaiting-consent');
      expect(stateAs(controller, 'awaiting-consent').error?.code).to.equal('aborted');
    });
  });

  describe('consentUrl', () => {
    it('is undefined outside awaiting-consent and verifying', async () => {
      const { controller } = setup();
      expect(controller.consentUrl).to.equal(undefined);
      await until(controller, 'choosing');
      expect(controller.consentUrl).to.equal(undefined);
    });

    it('builds the Standard cloud URL for the attempt', async () => {
      const { controller } = setup();
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      const { state } = stateAs(controller, 'awaiting-consent').attempt;
      const url = new URL(controller.consentUrl!);
      expect(url.host).to.equal('login.microsoftonline.com');
      expect(url.pathname).to.equal(`/${TENANT}/adminconsent`);
      expect(url.searchParams.get('client_id')).to.equal(CLIENT);
      expect(url.searchParams.get('state')).to.equal(state);
      expect(url.searchParams.get('redirect_uri')).to.equal(REDIRECT);
    });

    it('builds the GCC High cloud URL and follows option changes', async () => {
      const { controller, options } = setup();
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'gcc-high');
      const first = controller.consentUrl!;
      expect(new URL(first).host).to.equal('login.microsoftonline.us');
      expect(controller.consentUrl).to.equal(first);
      options.redirectUri = 'https://other.example.com/cb';
      expect(new URL(controller.consentUrl!).searchParams.get('redirect_uri')).to.equal(
        'https://other.example.com/cb',
      );
    });

    it('is undefined for a bad client id or redirect URI', async () => {
      const { controller, options } = setup(new FakeAdapter(), { clientId: 'not-a-guid' });
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      expect(controller.consentUrl).to.equal(undefined);
      options.clientId = CLIENT;
      expect(controller.consentUrl).to.be.a('string');
      options.redirectUri = 'http://console.example.com/cb';
      expect(controller.consentUrl).to.equal(undefined);
    });

    it('stays available while verifying', async () => {
      const adapter = new FakeAdapter();
      adapter.override.verifyConsent = () => new Promise(() => {});
      const { controller } = setup(adapter);
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      const url = controller.consentUrl;
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      expect(controller.state.status).to.equal('verifying');
      expect(controller.consentUrl).to.equal(url);
    });
  });

  describe('the saved connection is the consented one', () => {
    const consentedInput = {
      tenantType: 'standard' as const,
      tenantId: TENANT,
      remediationUrl: 'https://contoso.com/fix',
    };
    const saved = (overrides: Partial<Connection>): Connection => ({
      ...consentedInput,
      connectedAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
      version: 1,
      ...overrides,
    });

    for (const [what, answer, field] of [
      ['another tenant', saved({ tenantId: OTHER_TENANT }), 'tenantId'],
      ['another cloud', saved({ tenantType: 'gcc-high' }), 'tenantType'],
      [
        'another remediation URL',
        saved({ remediationUrl: 'https://evil.example/fix' }),
        'remediationUrl',
      ],
      [
        'an enrollment URL nobody typed',
        saved({ enrollmentUrl: 'https://evil.example/e' }),
        'enrollmentUrl',
      ],
      [
        'a tenant GUID that is not the typed one',
        saved({ tenantGuid: OTHER_TENANT }),
        'tenantGuid',
      ],
    ] as const) {
      it(`a save answering ${what} is malformed: not connected, and the failure is audited`, async () => {
        const adapter = new FakeAdapter();
        adapter.override.saveConnection = async () => answer;
        const { controller, audited } = setup(adapter);
        await until(controller, 'choosing');
        fillAndSubmit(controller, 'standard');
        controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
        controller.send({ type: 'CONFIRM' });
        await until(controller, 'awaiting-consent');
        const error = stateAs(controller, 'awaiting-consent').error;
        expect(error?.code).to.equal('malformed-response');
        expect(error?.detail).to.equal(
          `saveConnection: the answer is another connection than the one sent (${field})`,
        );
        const connects = audited.filter((event) => event.action === 'connect');
        expect(connects).to.have.length(1);
        expect(connects[0]).to.deep.include({
          outcome: 'failure',
          error: 'malformed-response',
          tenantId: TENANT,
          tenantType: 'standard',
        });
      });
    }

    it('a verification naming another tenant GUID than the typed one is tenant-mismatch, and nothing is saved', async () => {
      const adapter = new FakeAdapter();
      adapter.override.verifyConsent = async () => ({ verified: true, tenantGuid: OTHER_TENANT });
      const { controller } = setup(adapter);
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'awaiting-consent');
      expect(stateAs(controller, 'awaiting-consent').error?.code).to.equal('tenant-mismatch');
      expect(adapter.callsTo('saveConnection')).to.have.length(0);
    });

    it('a domain resolved to its GUID is the consented tenant', async () => {
      const adapter = new FakeAdapter();
      adapter.override.verifyConsent = async () => ({ verified: true, tenantGuid: OTHER_TENANT });
      adapter.override.saveConnection = async (input) => ({
        ...connectionInputOf(input),
        tenantGuid: OTHER_TENANT,
        connectedAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z',
        version: 1,
      });
      const { controller } = setup(adapter);
      await until(controller, 'choosing');
      controller.send({ type: 'ADD' });
      controller.send({ type: 'EDIT_FIELD', field: 'tenantId', value: 'Contoso.com' });
      controller.send({ type: 'SUBMIT', consentState: controller.newConsentState() });
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'connected');
      expect(stateAs(controller, 'connected').connection).to.deep.include({
        tenantId: 'contoso.com',
        tenantGuid: OTHER_TENANT,
      });
    });

    it('an edit saved as another URL is malformed: the draft stays in the form', async () => {
      const adapter = new FakeAdapter();
      adapter.stored = { ...saved({}), version: 4 };
      adapter.override.updateConnection = async (request) => ({
        ...saved({}),
        ...connectionInputOf(request),
        enrollmentUrl: 'https://evil.example/e',
        version: 5,
      });
      const { controller } = setup(adapter);
      await until(controller, 'connected');
      controller.send({ type: 'EDIT' });
      controller.send({ type: 'EDIT_FIELD', field: 'enrollmentUrl', value: 'https://x.com/e' });
      controller.send({ type: 'SUBMIT', consentState: controller.newConsentState() });
      await until(controller, 'editing');
      const state = stateAs(controller, 'editing');
      expect(state.error?.code).to.equal('malformed-response');
      expect(state.error?.detail).to.contain('(enrollmentUrl)');
      expect(state.draft.enrollmentUrl).to.equal('https://x.com/e');
      expect(state.connection.version).to.equal(4);
    });
  });

  describe('editing', () => {
    async function connected(adapter = new FakeAdapter()) {
      adapter.stored = existing();
      const result = setup(adapter);
      await until(result.controller, 'connected');
      return result;
    }

    it('saves URL changes with the expected version and audits the changes', async () => {
      const { controller, adapter, audited } = await connected();
      controller.send({ type: 'EDIT' });
      controller.send({ type: 'EDIT_FIELD', field: 'enrollmentUrl', value: '' });
      controller.send({
        type: 'EDIT_FIELD',
        field: 'remediationUrl',
        value: 'https://contoso.com/fix',
      });
      expect(controller.send({ type: 'SUBMIT', consentState: controller.newConsentState() })).to.be
        .true;
      expect(controller.state.status).to.equal('saving');
      await until(controller, 'connected');
      expect(adapter.callsTo('updateConnection')).to.deep.equal([
        [
          {
            tenantType: 'standard',
            tenantId: TENANT,
            remediationUrl: 'https://contoso.com/fix',
            expectedVersion: 4,
          },
        ],
      ]);
      expect(adapter.callsTo('verifyConsent')).to.have.length(0);
      expect(stateAs(controller, 'connected').connection.version).to.equal(5);
      await settle();
      expect(adapter.audit).to.have.length(1);
      expect(adapter.audit[0]).to.deep.include({
        action: 'edit',
        outcome: 'success',
        actor: ACTOR,
        tenantId: TENANT,
        tenantType: 'standard',
        changes: ['enrollmentUrl', 'remediationUrl'],
      });
      expect(audited).to.have.length(1);
    });

    it('an edit with no changes calls nothing and audits nothing', async () => {
      const { controller, adapter } = await connected();
      controller.send({ type: 'EDIT' });
      controller.send({ type: 'SUBMIT', consentState: controller.newConsentState() });
      expect(controller.state.status).to.equal('connected');
      await settle();
      expect(adapter.callsTo('updateConnection')).to.have.length(0);
      expect(adapter.audit).to.have.length(0);
    });

    it('a failed save -> editing with the error and the draft, audited as failure', async () => {
      const adapter = new FakeAdapter();
      adapter.override.updateConnection = () =>
        Promise.reject(new AdapterError('conflict', 'version moved'));
      const { controller } = await connected(adapter);
      controller.send({ type: 'EDIT' });
      controller.send({ type: 'EDIT_FIELD', field: 'enrollmentUrl', value: 'https://x.com/e' });
      controller.send({ type: 'SUBMIT', consentState: controller.newConsentState() });
      await until(controller, 'editing');
      const state = stateAs(controller, 'editing');
      expect(state.error).to.deep.equal({ code: 'conflict', detail: 'version moved' });
      expect(state.draft.enrollmentUrl).to.equal('https://x.com/e');
      await settle();
      expect(adapter.audit[0]).to.deep.include({
        action: 'edit',
        outcome: 'failure',
        error: 'conflict',
        changes: ['enrollmentUrl'],
      });
    });

    it('changing the tenant needs new consent, then updates with the old version', async () => {
      const { controller, adapter } = await connected();
      controller.send({ type: 'EDIT' });
      controller.send({ type: 'EDIT_FIELD', field: 'tenantId', value: OTHER_TENANT });
      controller.send({ type: 'SUBMIT', consentState: controller.newConsentState() });
      const waiting = stateAs(controller, 'awaiting-consent');
      expect(waiting.previous).to.deep.equal(existing());
      expect(new URL(controller.consentUrl!).pathname).to.equal(`/${OTHER_TENANT}/adminconsent`);
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'connected');
      expect(adapter.callsTo('verifyConsent')).to.have.length(1);
      expect(adapter.callsTo('saveConnection')).to.have.length(0);
      expect(adapter.callsTo('updateConnection')).to.deep.equal([
        [
          {
            tenantType: 'standard',
            tenantId: OTHER_TENANT,
            enrollmentUrl: 'https://contoso.com/enroll',
            expectedVersion: 4,
          },
        ],
      ]);
      await settle();
      expect(adapter.audit).to.have.length(1);
      expect(adapter.audit[0]).to.deep.include({
        action: 'edit',
        outcome: 'success',
        tenantId: OTHER_TENANT,
        changes: ['tenantId'],
      });
    });
  });

  describe('disconnecting', () => {
    async function connected(adapter = new FakeAdapter()) {
      adapter.stored = existing({ tenantType: 'gcc-high', tenantId: 'contoso.onmicrosoft.us' });
      const result = setup(adapter);
      await until(result.controller, 'connected');
      return result;
    }

    it('removes the connection, audits success and goes back to choosing', async () => {
      const { controller, adapter } = await connected();
      expect(controller.send({ type: 'DISCONNECT', reconnect: false })).to.be.true;
      expect(controller.state.status).to.equal('disconnecting');
      await until(controller, 'choosing');
      expect(adapter.callsTo('removeConnection')).to.have.length(1);
      expect(stateAs(controller, 'choosing').draft.tenantType).to.equal('gcc-high');
      await settle();
      expect(adapter.audit).to.have.length(1);
      expect(adapter.audit[0]).to.include({
        action: 'disconnect',
        outcome: 'success',
        actor: ACTOR,
        tenantId: 'contoso.onmicrosoft.us',
        tenantType: 'gcc-high',
      });
    });

    it('a failed disconnect -> connected with the error, audited as failure', async () => {
      const adapter = new FakeAdapter();
      adapter.override.removeConnection = () => Promise.reject(new TypeError('Failed to fetch'));
      const { controller } = await connected(adapter);
      controller.send({ type: 'DISCONNECT', reconnect: false });
      await until(controller, 'connected');
      expect(stateAs(controller, 'connected').error).to.deep.equal({
        code: 'network',
        detail: 'Failed to fetch',
      });
      await settle();
      expect(adapter.audit[0]).to.include({
        action: 'disconnect',
        outcome: 'failure',
        error: 'network',
        tenantId: 'contoso.onmicrosoft.us',
      });
    });

    it('a reconnect -> awaiting-consent with a fresh consent state and a prefilled draft', async () => {
      const { controller, adapter } = await connected();
      controller.send({ type: 'DISCONNECT', reconnect: true });
      await until(controller, 'awaiting-consent');
      const state = stateAs(controller, 'awaiting-consent');
      expect(state.attempt.state).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(state.consentGiven).to.be.false;
      expect(state.previous).to.equal(undefined);
      expect(state.draft).to.deep.equal({
        tenantType: 'gcc-high',
        tenantId: 'contoso.onmicrosoft.us',
        enrollmentUrl: 'https://contoso.com/enroll',
        remediationUrl: '',
      });
      expect(new URL(controller.consentUrl!).host).to.equal('login.microsoftonline.us');
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'connected');
      await settle();
      expect(adapter.audit.map((e) => `${e.action}:${e.outcome}`)).to.deep.equal([
        'disconnect:success',
        'connect:success',
      ]);
    });

    it('each reconnect gets a new consent state', async () => {
      const { controller } = await connected();
      const seen = new Set<string>();
      for (let i = 0; i < 2; i++) {
        controller.send({ type: 'DISCONNECT', reconnect: true });
        await until(controller, 'awaiting-consent');
        seen.add(stateAs(controller, 'awaiting-consent').attempt.state);
        controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
        controller.send({ type: 'CONFIRM' });
        await until(controller, 'connected');
      }
      expect(seen.size).to.equal(2);
    });
  });

  describe('audit events', () => {
    it('are handed to the audit sink at once, in order, even when the adapter is down', async () => {
      const adapter = new FakeAdapter();
      adapter.override.appendAuditEvent = () => Promise.reject(new TypeError('offline'));
      const { controller, audited } = setup(adapter);
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'connected');
      controller.send({ type: 'DISCONNECT', reconnect: false });
      await until(controller, 'choosing');
      expect(audited.map((event) => event.action)).to.deep.equal(['connect', 'disconnect']);
      expect(new Set(audited.map((event) => event.id)).size).to.equal(2);
    });
  });

  describe('a backend that authors its own audit trail', () => {
    /** A backend like `HttpAdapter`: it writes connect, edit and disconnect events itself. */
    class AuthoringAdapter extends FakeAdapter {
      readonly authorsAudit = true;
    }

    it('connect, edit and disconnect hand nothing to the audit sink', async () => {
      const adapter = new AuthoringAdapter();
      const { controller, audited } = setup(adapter);
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'connected');
      controller.send({ type: 'EDIT' });
      controller.send({ type: 'EDIT_FIELD', field: 'enrollmentUrl', value: 'https://x.com/e' });
      controller.send({ type: 'SUBMIT', consentState: controller.newConsentState() });
      await until(controller, 'connected');
      expect(stateAs(controller, 'connected').connection.version).to.equal(2);
      controller.send({ type: 'DISCONNECT', reconnect: false });
      await until(controller, 'choosing');
      await settle();
      expect(adapter.callsTo('saveConnection')).to.have.length(1);
      expect(adapter.callsTo('updateConnection')).to.have.length(1);
      expect(adapter.callsTo('removeConnection')).to.have.length(1);
      expect(audited).to.deep.equal([]);
      expect(adapter.callsTo('appendAuditEvent')).to.have.length(0);
    });

    it('failed connects, edits and disconnects hand nothing to the audit sink either', async () => {
      const adapter = new AuthoringAdapter();
      adapter.stored = existing();
      adapter.override.updateConnection = () => Promise.reject(new AdapterError('conflict'));
      adapter.override.removeConnection = () => Promise.reject(new AdapterError('unavailable'));
      const { controller, audited } = setup(adapter);
      await until(controller, 'connected');
      controller.send({ type: 'EDIT' });
      controller.send({ type: 'EDIT_FIELD', field: 'enrollmentUrl', value: 'https://x.com/e' });
      controller.send({ type: 'SUBMIT', consentState: controller.newConsentState() });
      await until(controller, 'editing');
      controller.send({ type: 'CANCEL' });
      controller.send({ type: 'DISCONNECT', reconnect: false });
      await until(controller, 'connected');
      expect(stateAs(controller, 'connected').error?.code).to.equal('unavailable');
      // A tenant change needs consent; its verification fails.
      adapter.override.verifyConsent = async () => ({ verified: false, error: 'AADSTS65004' });
      controller.send({ type: 'EDIT' });
      controller.send({ type: 'EDIT_FIELD', field: 'tenantId', value: OTHER_TENANT });
      controller.send({ type: 'SUBMIT', consentState: controller.newConsentState() });
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'awaiting-consent');
      expect(stateAs(controller, 'awaiting-consent').error?.code).to.equal('consent-declined');
      await settle();
      expect(audited).to.deep.equal([]);
    });

    it('a refused callback is still handed to the audit sink', async () => {
      const adapter = new AuthoringAdapter();
      const { controller, audited } = setup(adapter);
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'gcc-high');
      const { state } = stateAs(controller, 'awaiting-consent').attempt;
      controller.send({ type: 'CALLBACK', params: { state, error: 'access_denied' } });
      expect(stateAs(controller, 'awaiting-consent').error?.code).to.equal('access-denied');
      await settle();
      expect(audited).to.have.length(1);
      expect(audited[0]).to.include({
        action: 'consent-rejected',
        outcome: 'failure',
        error: 'access-denied',
        tenantId: TENANT,
        tenantType: 'gcc-high',
        actor: ACTOR,
      });
    });

    it('follows the adapter in use: a plain adapter gets every event again', async () => {
      let current: ConnectionAdapter = new AuthoringAdapter();
      const plain = new FakeAdapter();
      const audited: AuditEvent[] = [];
      const controller = new WizardController(new FakeHost(), {
        adapter: () => current,
        actor: () => ACTOR,
        clientId: () => CLIENT,
        redirectUri: () => REDIRECT,
        audit: (event) => audited.push(event),
      });
      controller.hostConnected();
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'connected');
      expect(audited).to.deep.equal([]);
      current = plain;
      controller.send({ type: 'DISCONNECT', reconnect: false });
      await until(controller, 'choosing');
      expect(audited.map((event) => `${event.action}:${event.outcome}`)).to.deep.equal([
        'disconnect:success',
      ]);
    });
  });

  describe('the idempotency key of a save', () => {
    function keysOf(adapter: FakeAdapter): unknown[] {
      return adapter
        .callsTo('saveConnection')
        .map((args) => (args[0] as SaveConnectionRequest).idempotencyKey);
    }

    it('is the same for a failed save and its Retry, and new for the next attempt', async () => {
      const adapter = new FakeAdapter();
      adapter.override.saveConnection = () => Promise.reject(new TypeError('Failed to fetch'));
      const { controller } = setup(adapter);
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      const attempt = stateAs(controller, 'awaiting-consent').attempt;
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'awaiting-consent');
      expect(stateAs(controller, 'awaiting-consent').error?.code).to.equal('network');
      // Retry: the same attempt is verified and saved again.
      expect(controller.send({ type: 'CONFIRM' })).to.be.true;
      await until(controller, 'awaiting-consent');
      expect(stateAs(controller, 'awaiting-consent').attempt).to.equal(attempt);
      const [first, second] = keysOf(adapter);
      expect(first).to.be.a('string').and.match(UUID);
      expect(second).to.equal(first);

      // A new attempt (back to the form, submit again) gets a new key.
      controller.send({ type: 'CANCEL' });
      expect(controller.send({ type: 'SUBMIT', consentState: controller.newConsentState() })).to.be
        .true;
      expect(stateAs(controller, 'awaiting-consent').attempt).not.to.equal(attempt);
      delete adapter.override.saveConnection;
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'connected');
      const keys = keysOf(adapter);
      expect(keys).to.have.length(3);
      expect(keys[2]).to.match(UUID);
      expect(keys[2]).not.to.equal(first);
    });

    it('is kept when the callback verifies the attempt after a failed manual try', async () => {
      const adapter = new FakeAdapter();
      let fail = true;
      adapter.override.saveConnection = (input) =>
        fail
          ? Promise.reject(new AdapterError('unavailable'))
          : Promise.resolve({
              ...existing({ version: 1, enrollmentUrl: undefined }),
              ...connectionInputOf(input),
            });
      const { controller } = setup(adapter);
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      const { state } = stateAs(controller, 'awaiting-consent').attempt;
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'awaiting-consent');
      fail = false;
      controller.send({
        type: 'CALLBACK',
        params: { adminConsent: 'True', tenant: TENANT, state },
      });
      await until(controller, 'connected');
      const [first, second, ...more] = keysOf(adapter);
      expect(first).to.match(UUID);
      expect(second).to.equal(first);
      expect(more).to.deep.equal([]);
    });
  });

  describe('a refused callback relayed by the redirect page', () => {
    let key = '';
    let run = 0;
    let channel: BroadcastChannel;
    let controller: WizardController | undefined;

    beforeEach(() => {
      run += 1;
      key = `controller-callback-${Date.now()}-${run}`;
      channel = new BroadcastChannel(consentChannelName(key));
    });

    afterEach(() => {
      controller?.hostDisconnected();
      controller = undefined;
      channel.close();
      for (const storage of [localStorage, sessionStorage]) {
        for (const name of Object.keys(storage)) if (name.startsWith(key)) storage.removeItem(name);
      }
    });

    function start(adapter = new FakeAdapter(), refusedCallbackWindowMs?: number) {
      const audited: AuditEvent[] = [];
      controller = new WizardController(new FakeHost(), {
        adapter: () => adapter,
        actor: () => ACTOR,
        clientId: () => CLIENT,
        redirectUri: () => REDIRECT,
        audit: (event) => audited.push(event),
        session: () => ({ storageKey: key }),
        ...(refusedCallbackWindowMs ? { refusedCallbackWindowMs } : {}),
      });
      controller.hostConnected();
      return { controller, audited };
    }

    /** Relays a callback whose `state` belongs to no attempt, and waits for its audit event. */
    async function relayForged(audited: AuditEvent[], tenant: string): Promise<AuditEvent> {
      const message: ConsentCallbackMessage = {
        type: 'consent-callback',
        id: crypto.randomUUID(),
        params: { adminConsent: 'True', tenant, state: `forged-${crypto.randomUUID()}` },
      };
      channel.postMessage(message);
      await waitUntil(() => audited.length > 0, 'the refused callback should be audited', {
        timeout: 2000,
        interval: 5,
      });
      expect(audited).to.have.length(1);
      return audited[0]!;
    }

    const garbage = `evil\r\ninjected: yes\n${'x'.repeat(300)}`;

    it('collapses a burst of refused callbacks into one counted event, per error code', async () => {
      // A window long enough for the burst, short enough for the test; aligned to its start.
      const windowMs = 1500;
      await aTimeout(windowMs - (Date.now() % windowMs) + 5);
      const { controller, audited } = start(new FakeAdapter(), windowMs);
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      const forged = (n: number) => ({
        type: 'consent-callback' as const,
        id: crypto.randomUUID(),
        params: {
          adminConsent: 'True',
          tenant: TENANT,
          state: `forged-${n}-${crypto.randomUUID()}`,
        },
      });
      for (let n = 0; n < 40; n++) channel.postMessage(forged(n));
      await waitUntil(() => audited.length === 2, 'the first refusal, then the counted rest', {
        timeout: 4000,
        interval: 20,
      });
      await aTimeout(100);
      expect(audited).to.have.length(2);
      const [first, summary] = audited;
      expect(first).to.include({
        action: 'consent-rejected',
        error: 'state-mismatch',
        tenantId: TENANT,
      });
      expect(first!.count).to.equal(undefined);
      expect(summary).to.include({
        action: 'consent-rejected',
        error: 'state-mismatch',
        tenantId: TENANT,
        count: 39,
      });
      expect(summary!.id).to.match(/^consent-rejected-burst:state-mismatch:\d+$/);
      expect(auditEventSchema.safeParse(summary).success).to.equal(true);
    });

    it('records what a burst counted when the console leaves the page', async () => {
      const { controller, audited } = start(new FakeAdapter(), 60_000);
      await until(controller, 'choosing');
      for (let n = 0; n < 5; n++) {
        channel.postMessage({
          type: 'consent-callback',
          id: crypto.randomUUID(),
          params: { adminConsent: 'True', tenant: TENANT, state: `forged-${n}` },
        });
      }
      await waitUntil(() => audited.length === 1, 'the first refusal', { timeout: 2000 });
      await aTimeout(100);
      expect(audited).to.have.length(1);
      controller.hostDisconnected();
      expect(audited).to.have.length(2);
      expect(audited[1]!.count).to.equal(4);
    });

    it("records the attempt's tenant, not a garbage tenant", async () => {
      const { controller, audited } = start();
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'gcc-high');
      const event = await relayForged(audited, garbage);
      expect(event).to.include({
        action: 'consent-rejected',
        outcome: 'failure',
        error: 'state-mismatch',
        tenantId: TENANT,
        tenantType: 'gcc-high',
      });
      expect(JSON.stringify(event)).not.to.contain('injected');
      expect(stateAs(controller, 'awaiting-consent').error).to.deep.equal({
        code: 'state-mismatch',
      });
    });

    it('records a valid tenant GUID, lower-cased', async () => {
      const { controller, audited } = start();
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      const event = await relayForged(audited, OTHER_TENANT.toUpperCase());
      expect(event.tenantId).to.equal(OTHER_TENANT);
    });

    it("records the connection's tenant when no attempt is running", async () => {
      const adapter = new FakeAdapter();
      adapter.stored = existing({ tenantId: 'contoso.onmicrosoft.com' });
      const { controller, audited } = start(adapter);
      await until(controller, 'connected');
      const event = await relayForged(audited, garbage);
      expect(event.tenantId).to.equal('contoso.onmicrosoft.com');
    });

    it('records an empty tenant when there is neither a valid one nor a target', async () => {
      const { controller, audited } = start();
      await until(controller, 'choosing');
      const event = await relayForged(audited, 'common');
      expect(event.tenantId).to.equal('');
      expect(event.tenantType).to.equal('standard');
    });
  });

  describe('another tab', () => {
    it('loads again, with backoff, until the change another tab announced shows', async () => {
      const key = `controller-sync-${Date.now()}`;
      const adapter = new FakeAdapter();
      let loads = 0;
      // Storage shared between processes can lag behind the announcement: the first load and
      // three reloads miss the change, the fourth reload sees it.
      adapter.override.loadConnection = async () => {
        loads += 1;
        return loads < 5 ? null : existing();
      };
      // A controllable clock: every timer the controller sets is recorded and fires at once. The
      // test waits with the real timer, so only the controller's delays are recorded.
      const realSetTimeout = globalThis.setTimeout;
      const delays: number[] = [];
      const fakeSetTimeout = (handler: () => void, delay?: number) => {
        delays.push(delay ?? 0);
        return realSetTimeout(handler, 0);
      };
      const pause = () => new Promise<void>((resolve) => realSetTimeout(resolve, 5));
      async function reach(controller: WizardController, status: WizardStatus) {
        for (let waited = 0; controller.state.status !== status; waited += 5) {
          if (waited > 2000) expect(controller.state.status).to.equal(status);
          await pause();
        }
      }
      const controller = new WizardController(new FakeHost(), {
        adapter: () => adapter,
        actor: () => ACTOR,
        clientId: () => CLIENT,
        redirectUri: () => REDIRECT,
        audit: () => undefined,
        session: () => ({ storageKey: key }),
      });
      const other = new BroadcastChannel(`${key}:sync`);
      globalThis.setTimeout = fakeSetTimeout as typeof setTimeout;
      try {
        controller.hostConnected();
        await reach(controller, 'choosing');
        expect(delays).to.deep.equal([]);
        const { tenantId, version } = existing();
        other.postMessage({ type: 'connection-changed', connection: { tenantId, version } });
        await reach(controller, 'connected');
      } finally {
        globalThis.setTimeout = realSetTimeout;
        other.close();
        controller.hostDisconnected();
        for (const name of Object.keys(localStorage)) {
          if (name.startsWith(key)) localStorage.removeItem(name);
        }
      }
      expect(loads).to.equal(5);
      // The reload at once, then three more, each waiting twice as long as the one before.
      expect(delays).to.deep.equal([100, 200, 400]);
    });
  });

  describe('with the guarded BrowserStorageAdapter', () => {
    const key = `wizard-controller-test-${Date.now()}`;
    afterEach(() => {
      localStorage.removeItem(`${key}:connection`);
      localStorage.removeItem(`${key}:audit`);
    });

    it('connects, persists, edits and disconnects with an audit trail', async () => {
      const storage = guardAdapter(new BrowserStorageAdapter({ key }), { timeoutMs: 1000 });
      const host = new FakeHost();
      const controller = new WizardController(host, {
        adapter: () => storage,
        actor: () => ACTOR,
        clientId: () => CLIENT,
        redirectUri: () => REDIRECT,
        audit: (event) => void storage.appendAuditEvent(event, { signal: signal() }),
      });
      controller.hostConnected();
      await until(controller, 'choosing');
      fillAndSubmit(controller, 'standard');
      controller.send({ type: 'SET_CONSENT_GIVEN', value: true });
      controller.send({ type: 'CONFIRM' });
      await until(controller, 'connected');

      const reloaded = new WizardController(new FakeHost(), {
        adapter: () => storage,
        actor: () => ACTOR,
        clientId: () => CLIENT,
        redirectUri: () => REDIRECT,
        audit: (event) => void storage.appendAuditEvent(event, { signal: signal() }),
      });
      reloaded.hostConnected();
      await until(reloaded, 'connected');
      expect(stateAs(reloaded, 'connected').connection).to.include({
        tenantId: TENANT,
        remediationUrl: 'https://contoso.com/fix',
        version: 1,
        connectedBy: ACTOR,
      });

      reloaded.send({ type: 'EDIT' });
      reloaded.send({ type: 'EDIT_FIELD', field: 'enrollmentUrl', value: 'https://contoso.com/e' });
      reloaded.send({ type: 'SUBMIT', consentState: reloaded.newConsentState() });
      await until(reloaded, 'connected');
      expect(stateAs(reloaded, 'connected').connection.version).to.equal(2);

      // The first controller still holds version 1: its edit is refused as a conflict.
      controller.send({ type: 'EDIT' });
      controller.send({ type: 'EDIT_FIELD', field: 'enrollmentUrl', value: 'https://x.com/' });
      controller.send({ type: 'SUBMIT', consentState: controller.newConsentState() });
      await until(controller, 'editing');
      expect(stateAs(controller, 'editing').error?.code).to.equal('conflict');

      reloaded.send({ type: 'DISCONNECT', reconnect: false });
      await until(reloaded, 'choosing');
      await settle();
      const log = await storage.listAuditEvents({ signal: new AbortController().signal });
      expect(log.map((e) => `${e.action}:${e.outcome}`)).to.deep.equal([
        'disconnect:success',
        'edit:failure',
        'edit:success',
        'connect:success',
      ]);
    });
  });
});
