import { expect } from '@open-wc/testing';
import {
  DEFAULT_TIMEOUT_MS,
  guardAdapter,
  type CallOptions,
  type ConnectionAdapter,
} from '../../src/adapter/adapter.js';
import { createAuditEvent, type AuditEvent } from '../../src/core/audit.js';
import type { Connection, ConnectionInput } from '../../src/core/connection.js';
import { AdapterError, type ErrorCode } from '../../src/core/errors.js';
import { rejection } from './helpers.js';

const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const input: ConnectionInput = { tenantType: 'standard', tenantId: TENANT };
const connection: Connection = {
  tenantType: 'standard',
  tenantId: TENANT,
  enrollmentUrl: 'https://contoso.com/enroll',
  connectedAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  version: 1,
};
const event: AuditEvent = createAuditEvent(
  { actor: 'a', action: 'connect', outcome: 'success', tenantId: TENANT, tenantType: 'standard' },
  new Date('2025-01-01T00:00:00.000Z'),
  'e1',
);

/** The adapter's calls (`authorsAudit` is a capability, not a call). */
type Method = Exclude<keyof ConnectionAdapter, 'authorsAudit'>;
const METHODS: readonly Method[] = [
  'loadConnection',
  'verifyConsent',
  'saveConnection',
  'updateConnection',
  'removeConnection',
  'appendAuditEvent',
  'listAuditEvents',
  'loadHealth',
];

/** An adapter whose every method runs `impl` (and records the options it received). */
function adapterWith(
  impl: (method: Method, options: CallOptions) => Promise<unknown>,
): ConnectionAdapter & { calls: { method: Method; args: unknown[]; options: CallOptions }[] } {
  const calls: { method: Method; args: unknown[]; options: CallOptions }[] = [];
  const make =
    (method: Method, hasArg: boolean) =>
    (...args: unknown[]) => {
      const options = (hasArg ? args[1] : args[0]) as CallOptions;
      calls.push({ method, args, options });
      return impl(method, options);
    };
  return {
    calls,
    loadConnection: make('loadConnection', false),
    verifyConsent: make('verifyConsent', true),
    saveConnection: make('saveConnection', true),
    updateConnection: make('updateConnection', true),
    removeConnection: make('removeConnection', false),
    appendAuditEvent: make('appendAuditEvent', true),
    loadHealth: make('loadHealth', false),
    listAuditEvents: make('listAuditEvents', false),
  } as ConnectionAdapter & { calls: { method: Method; args: unknown[]; options: CallOptions }[] };
}

function callMethod(
  adapter: ConnectionAdapter,
  method: Method,
  signal: AbortSignal,
): Promise<unknown> {
  const options = { signal };
  switch (method) {
    case 'loadConnection':
      return adapter.loadConnection(options);
    case 'verifyConsent':
      return adapter.verifyConsent({ ...input, actor: 'a', via: 'manual' }, options);
    case 'saveConnection':
      return adapter.saveConnection({ ...input, actor: 'a' }, options);
    case 'updateConnection':
      return adapter.updateConnection({ ...input, expectedVersion: 1 }, options);
    case 'removeConnection':
      return adapter.removeConnection(options);
    case 'appendAuditEvent':
      return adapter.appendAuditEvent(event, options);
    case 'listAuditEvents':
      return adapter.listAuditEvents({ ...options, limit: 5 });
    case 'loadHealth':
      if (!adapter.loadHealth) throw new Error('the guarded adapter lost loadHealth');
      return adapter.loadHealth(options);
  }
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<AdapterError> {
  const error = await rejection(promise);
  expect(error.code).to.equal(code);
  return error;
}

const never = () => new Promise<never>(() => {});
const signal = () => new AbortController().signal;

describe('adapter/guardAdapter', () => {
  it('has a 15 s default deadline', () => {
    expect(DEFAULT_TIMEOUT_MS).to.equal(15_000);
  });

  describe('good data passes through', () => {
    it('returns what the adapter returns, for every method', async () => {
      const results: Record<Method, unknown> = {
        loadConnection: connection,
        verifyConsent: { verified: false, error: 'AADSTS65001', aadsts: 'AADSTS65001' },
        saveConnection: connection,
        updateConnection: { ...connection, version: 2 },
        removeConnection: undefined,
        appendAuditEvent: undefined,
        listAuditEvents: [event],
        loadHealth: {
          checkedAt: '2026-01-01T00:00:00.000Z',
          partner: {
            state: 'enabled',
            lastHeartbeatAt: '2026-01-01T00:00:00.000Z',
            platforms: { ios: true, android: true, macos: false },
          },
          lastVerification: null,
          heartbeatMaxAgeMinutes: 60,
        },
      };
      const inner = adapterWith(async (method) => structuredClone(results[method]));
      const guarded = guardAdapter(inner);
      for (const method of METHODS) {
        expect(await callMethod(guarded, method, signal()), method).to.deep.equal(results[method]);
      }
      expect(inner.calls.map((c) => c.method)).to.deep.equal(METHODS);
    });

    it('keeps only the fields of a verification that belong to its outcome', async () => {
      const guarded = guardAdapter(
        adapterWith(async () => ({ verified: true, error: 'ignored', extra: 1 })),
      );
      expect(
        await guarded.verifyConsent(
          { tenantId: 'contoso.com', tenantType: 'standard', actor: 'a', via: 'manual' },
          { signal: signal() },
        ),
      ).to.deep.equal({ verified: true });
    });

    it('accepts a null connection and a verified result', async () => {
      const guarded = guardAdapter(
        adapterWith(async (method) => (method === 'verifyConsent' ? { verified: true } : null)),
      );
      expect(await guarded.loadConnection({ signal: signal() })).to.equal(null);
      expect(
        await guarded.verifyConsent(
          { ...input, actor: 'a', via: 'callback' },
          { signal: signal() },
        ),
      ).to.deep.equal({ verified: true });
    });

    it('passes the request, the limit and its own signal to the adapter', async () => {
      const inner = adapterWith(async (method) => (method === 'listAuditEvents' ? [] : connection));
      const guarded = guardAdapter(inner);
      const callerSignal = signal();
      await guarded.updateConnection({ ...input, expectedVersion: 7 }, { signal: callerSignal });
      await guarded.listAuditEvents({ signal: callerSignal, limit: 3 });
      expect(inner.calls[0]!.args[0]).to.deep.equal({ ...input, expectedVersion: 7 });
      expect(inner.calls[0]!.options.signal).to.be.instanceOf(AbortSignal);
      expect(inner.calls[0]!.options.signal).not.to.equal(callerSignal);
      expect(inner.calls[1]!.options).to.have.property('limit', 3);
    });

    it('strips unknown keys from results', async () => {
      const guarded = guardAdapter(
        adapterWith(async () => ({ ...connection, token: 'secret-token' })),
      );
      const loaded = await guarded.loadConnection({ signal: signal() });
      expect(loaded).to.deep.equal(connection);
    });
  });

  describe('errors become AdapterErrors', () => {
    it('keeps the code, detail and aadsts of an AdapterError', async () => {
      const original = new AdapterError('wrong-cloud', 'GCC High tenant', {
        aadsts: 'AADSTS90038',
      });
      const guarded = guardAdapter(adapterWith(() => Promise.reject(original)));
      const error = await expectCode(guarded.loadConnection({ signal: signal() }), 'wrong-cloud');
      expect(error.detail).to.equal('GCC High tenant');
      expect(error.aadsts).to.equal('AADSTS90038');
      expect(error.cause).to.equal(original);
    });

    it('maps a TypeError to network, a plain Error to adapter, for every method', async () => {
      for (const method of METHODS) {
        const network = guardAdapter(adapterWith(() => Promise.reject(new TypeError('fetch'))));
        const netError = await expectCode(callMethod(network, method, signal()), 'network');
        expect(netError.detail, method).to.equal('fetch');
        const plain = guardAdapter(adapterWith(() => Promise.reject(new Error('boom'))));
        await expectCode(callMethod(plain, method, signal()), 'adapter');
      }
    });

    it('catches an adapter that throws synchronously', async () => {
      const guarded = guardAdapter(
        adapterWith(() => {
          throw new Error('sync');
        }),
      );
      const error = await expectCode(guarded.removeConnection({ signal: signal() }), 'adapter');
      expect(error.detail).to.equal('sync');
    });

    it('maps a thrown non-Error to adapter', async () => {
      const guarded = guardAdapter(adapterWith(() => Promise.reject('just a string')));
      const error = await expectCode(guarded.loadConnection({ signal: signal() }), 'adapter');
      expect(error.detail).to.equal('just a string');
    });
  });

  describe('deadlines and aborts', () => {
    it('rejects a hanging call with timeout', async () => {
      const guarded = guardAdapter(adapterWith(never), { timeoutMs: 50 });
      const started = performance.now();
      const error = await expectCode(guarded.loadConnection({ signal: signal() }), 'timeout');
      const elapsed = performance.now() - started;
      expect(elapsed).to.be.within(40, 1000);
      expect(error.detail).to.contain('50 ms');
    });

    it('aborts the signal it gave the adapter when the deadline passes', async () => {
      const inner = adapterWith(never);
      const guarded = guardAdapter(inner, { timeoutMs: 30 });
      await expectCode(guarded.removeConnection({ signal: signal() }), 'timeout');
      const given = inner.calls[0]!.options.signal;
      expect(given.aborted).to.be.true;
      expect((given.reason as AdapterError).code).to.equal('timeout');
    });

    it('rejects on time even if the adapter ignores the signal and answers late', async () => {
      let lateResolved = false;
      const guarded = guardAdapter(
        adapterWith(
          () =>
            new Promise((resolve) =>
              setTimeout(() => {
                lateResolved = true;
                resolve(connection);
              }, 2_000),
            ),
        ),
        { timeoutMs: 50 },
      );
      const started = performance.now();
      await expectCode(guarded.loadConnection({ signal: signal() }), 'timeout');
      expect(performance.now() - started).to.be.below(1_500);
      expect(lateResolved).to.be.false;
    });

    it('every method has the deadline', async () => {
      const guarded = guardAdapter(adapterWith(never), { timeoutMs: 20 });
      for (const method of METHODS) {
        await expectCode(callMethod(guarded, method, signal()), 'timeout');
      }
    });

    it('rejects with aborted when the caller aborts, and aborts the adapter signal', async () => {
      const inner = adapterWith(never);
      const guarded = guardAdapter(inner, { timeoutMs: 5_000 });
      const controller = new AbortController();
      const pending = guarded.verifyConsent(
        { ...input, actor: 'a', via: 'manual' },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 10);
      const started = performance.now();
      await expectCode(pending, 'aborted');
      expect(performance.now() - started).to.be.below(1000);
      expect(inner.calls[0]!.options.signal.aborted).to.be.true;
    });

    it('rejects at once with aborted on an already aborted signal, without calling', async () => {
      const inner = adapterWith(async () => connection);
      const guarded = guardAdapter(inner);
      const controller = new AbortController();
      controller.abort();
      await expectCode(
        guarded.saveConnection({ ...input, actor: 'a' }, { signal: controller.signal }),
        'aborted',
      );
      expect(inner.calls).to.have.length(0);
    });

    it('an abort while the call is pending decides the result: a later answer does not change it', async () => {
      let answer!: (value: Connection) => void;
      const inner = adapterWith(() => new Promise((resolve) => (answer = resolve)));
      const guarded = guardAdapter(inner, { timeoutMs: 100 });
      const controller = new AbortController();
      const settled: string[] = [];
      const pending = guarded.loadConnection({ signal: controller.signal }).then(
        (value) => {
          settled.push('resolved');
          return value;
        },
        (error: unknown) => {
          settled.push(`rejected: ${(error as AdapterError).code}`);
          throw error;
        },
      );
      await new Promise((r) => setTimeout(r, 0));
      expect(inner.calls).to.have.length(1);
      expect(settled).to.deep.equal([]);
      controller.abort();
      await new Promise((r) => setTimeout(r, 0));
      // Settled by the abort, before the adapter answered.
      expect(settled).to.deep.equal(['rejected: aborted']);
      expect(inner.calls[0]!.options.signal.aborted).to.be.true;
      // The answer that arrives afterwards, and the deadline passing, change nothing.
      answer(connection);
      await new Promise((r) => setTimeout(r, 150));
      await expectCode(pending, 'aborted');
      expect(settled).to.deep.equal(['rejected: aborted']);
    });

    it('an adapter that honours the signal still yields timeout, not its own AbortError', async () => {
      const guarded = guardAdapter(
        adapterWith(
          (_method, { signal: given }) =>
            new Promise((_resolve, reject) =>
              given.addEventListener('abort', () =>
                reject(new DOMException('stopped', 'AbortError')),
              ),
            ),
        ),
        { timeoutMs: 20 },
      );
      await expectCode(guarded.listAuditEvents({ signal: signal() }), 'timeout');
    });
  });

  describe('authorsAudit', () => {
    it('is false when the adapter does not declare it', () => {
      const guarded = guardAdapter(adapterWith(async () => null));
      expect(guarded.authorsAudit).to.equal(false);
    });

    it('is true when the adapter declares it true', () => {
      const inner = Object.assign(
        adapterWith(async () => null),
        { authorsAudit: true },
      );
      expect(guardAdapter(inner).authorsAudit).to.equal(true);
    });

    it('follows the adapter when its value changes, and is true only for true', () => {
      const inner = adapterWith(async () => null);
      let value: unknown;
      Object.defineProperty(inner, 'authorsAudit', { get: () => value });
      const guarded = guardAdapter(inner);
      expect(guarded.authorsAudit).to.equal(false);
      value = true;
      expect(guarded.authorsAudit).to.equal(true);
      value = false;
      expect(guarded.authorsAudit).to.equal(false);
      // A value from untyped code that is not `true` does not count.
      value = 'yes';
      expect(guarded.authorsAudit).to.equal(false);
    });
  });

  describe('loadHealth', () => {
    const health = {
      checkedAt: '2026-01-01T00:00:00.000Z',
      partner: {
        state: 'enabled',
        lastHeartbeatAt: '2026-01-01T00:00:00.000Z',
        platforms: { ios: true, android: true, macos: false },
      },
      lastVerification: null,
      heartbeatMaxAgeMinutes: 60,
    };

    it('is absent on the guarded adapter when the inner one has none', () => {
      const inner: ConnectionAdapter = adapterWith(async () => null);
      delete inner.loadHealth;
      const guarded = guardAdapter(inner);
      expect('loadHealth' in guarded).to.be.false;
      expect(guarded.loadHealth).to.equal(undefined);
    });

    it('is present when the inner one has it, and calls it', async () => {
      const inner = adapterWith(async () => structuredClone(health));
      const guarded = guardAdapter(inner);
      expect(guarded.loadHealth).to.be.a('function');
      expect(await guarded.loadHealth!({ signal: signal() })).to.deep.equal(health);
      expect(inner.calls.map((call) => call.method)).to.deep.equal(['loadHealth']);
    });

    it('passes a null partner with its problem', async () => {
      const answer = { ...health, partner: null, partnerProblem: 'forbidden' };
      const guarded = guardAdapter(adapterWith(async () => structuredClone(answer)));
      expect(await guarded.loadHealth!({ signal: signal() })).to.deep.equal(answer);
    });

    const malformed: unknown[] = [
      { partner: { state: 'on' } },
      { ...health, partner: { ...health.partner, state: 'on' } },
      { ...health, partner: { ...health.partner, platforms: { ios: true } } },
      { ...health, partner: { ...health.partner, lastHeartbeatAt: 'yesterday' } },
      { ...health, checkedAt: 'now' },
      { ...health, heartbeatMaxAgeMinutes: 0 },
      { ...health, heartbeatMaxAgeMinutes: 1.5 },
      { ...health, lastVerification: { at: '2026-01-01T00:00:00.000Z' } },
      {
        ...health,
        lastVerification: { at: '2026-01-01T00:00:00.000Z', verified: false, aadsts: '65001' },
      },
      { ...health, partnerProblem: '' },
      null,
      'healthy',
    ];
    for (const value of malformed) {
      it(`returning ${JSON.stringify(value)?.slice(0, 70)} -> malformed-response`, async () => {
        const guarded = guardAdapter(adapterWith(async () => value));
        const error = await expectCode(
          guarded.loadHealth!({ signal: signal() }),
          'malformed-response',
        );
        expect(error.detail).to.contain('loadHealth:');
      });
    }
  });

  describe('malformed results', () => {
    const cases: [Method, unknown][] = [
      ['loadConnection', { ...connection, tenantId: 'COMMON' }],
      ['loadConnection', { ...connection, enrollmentUrl: 'http://contoso.com' }],
      ['loadConnection', undefined],
      ['loadConnection', 'connected'],
      ['verifyConsent', { verified: 'yes' }],
      ['verifyConsent', { verified: false }],
      ['verifyConsent', { verified: false, error: 65001 }],
      ['verifyConsent', { verified: true, aadsts: 7 }],
      ['verifyConsent', { ok: true }],
      ['verifyConsent', null],
      ['saveConnection', { ...connection, version: 0 }],
      ['saveConnection', null],
      ['updateConnection', { ...connection, connectedAt: 'today' }],
      ['listAuditEvents', [{ ...event, action: 'delete' }]],
      ['listAuditEvents', { events: [] }],
      ['listAuditEvents', null],
    ];
    for (const [method, value] of cases) {
      it(`${method} returning ${JSON.stringify(value)?.slice(0, 60)} -> malformed-response`, async () => {
        const guarded = guardAdapter(adapterWith(async () => value));
        const error = await expectCode(callMethod(guarded, method, signal()), 'malformed-response');
        expect(error.detail).to.contain(`${method}:`);
      });
    }

    it('names the path of the bad field', async () => {
      const guarded = guardAdapter(
        adapterWith(async () => [event, { ...event, tenantType: 'dod' }]),
      );
      const error = await expectCode(
        guarded.listAuditEvents({ signal: signal() }),
        'malformed-response',
      );
      expect(error.detail).to.match(/^listAuditEvents: .* at 1\.tenantType$/);
    });
  });
});
