import { expect, html, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/define/index.js';
import { fr } from '../../src/i18n/fr.js';
import {
  en,
  type AuditEvent,
  type AzureDeviceCompliance,
  type Connection,
  type ConnectionActions,
  type ConnectionHealth,
  type ConnectionHealthPanel,
  type ConsentVerification,
  type VerifyConsentRequest,
} from '../../src/index.js';
import {
  clickWithMouse,
  deepActiveElement,
  describeNode,
  expectFocused,
  expectNone,
  find,
  MemoryAdapter,
  mountWrapper,
  text,
} from './helpers.js';

const CLIENT = '2f4e6c1a-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
const GUID = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const ACTOR = 'admin@example.com';

const CONNECTION: Connection = {
  tenantType: 'standard',
  tenantId: 'contoso.com',
  enrollmentUrl: 'https://contoso.com/enroll',
  connectedAt: '2026-01-05T10:00:00.000Z',
  updatedAt: '2026-01-05T10:00:00.000Z',
  version: 2,
  connectedBy: ACTOR,
};

function healthNow(overrides: Partial<ConnectionHealth> = {}): ConnectionHealth {
  const now = new Date().toISOString();
  return {
    checkedAt: now,
    partner: {
      state: 'enabled',
      lastHeartbeatAt: now,
      platforms: { ios: true, android: true, macos: false },
    },
    lastVerification: { at: now, verified: true },
    heartbeatMaxAgeMinutes: 60,
    ...overrides,
  };
}

/** A backend kept in memory that reports health; every call is recorded in order. */
class HealthAdapter extends MemoryAdapter {
  readonly calls: string[] = [];
  readonly requests: VerifyConsentRequest[] = [];
  health: () => Promise<unknown> = async () => healthNow();
  verification: () => Promise<ConsentVerification> = async () => ({ verified: true });

  constructor(connection: Connection | null = CONNECTION) {
    super();
    this.connection = connection;
  }

  override async loadConnection(): Promise<Connection | null> {
    this.calls.push('loadConnection');
    return super.loadConnection();
  }

  override async verifyConsent(request?: VerifyConsentRequest): Promise<ConsentVerification> {
    this.calls.push('verifyConsent');
    if (request) this.requests.push(request);
    return this.verification();
  }

  async loadHealth(): Promise<ConnectionHealth> {
    this.calls.push('loadHealth');
    return (await this.health()) as ConnectionHealth;
  }
}

type Kit = LitElement & HTMLElement;

async function settle(el: AzureDeviceCompliance): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await el.updateComplete;
    const inner = el.shadowRoot!.querySelectorAll<Kit>(
      'connection-actions, azure-connection-health',
    );
    await Promise.all([...inner].map((child) => child.updateComplete));
  }
}

let mounts = 0;

async function mount(adapter?: MemoryAdapter, lang = 'en') {
  mounts += 1;
  const wrapper = await mountWrapper<HTMLDivElement>(html`
    <div lang=${lang}>
      <azure-device-compliance
        storage-key=${`composite-health-test-${Date.now()}-${mounts}`}
        client-id=${CLIENT}
        actor=${ACTOR}
        .adapter=${adapter}
      ></azure-device-compliance>
    </div>
  `);
  const el = wrapper.querySelector('azure-device-compliance')!;
  const changes: (Connection | null)[] = [];
  const audits: AuditEvent[] = [];
  el.addEventListener('connection-change', (e) => {
    if (e.detail.reason !== 'loaded') changes.push(e.detail.connection);
  });
  el.addEventListener('audit-event', (e) => audits.push(e.detail.event));
  await waitUntil(() => el.state.status !== 'loading', 'the connection should load', {
    timeout: 3000,
  });
  await settle(el);
  return { el, changes, audits };
}

const panel = (el: AzureDeviceCompliance) =>
  find<ConnectionHealthPanel>(el, 'azure-connection-health');
const actions = (el: AzureDeviceCompliance) => find<ConnectionActions>(el, 'connection-actions');
const announcement = (el: AzureDeviceCompliance) => text(find(panel(el), '[role="status"]'));

async function untilPanel(
  el: AzureDeviceCompliance,
  condition: (panel: ConnectionHealthPanel) => boolean,
  message: string,
): Promise<void> {
  await waitUntil(
    () => {
      const found = el.shadowRoot!.querySelector('azure-connection-health');
      return !!found && condition(found);
    },
    message,
    { timeout: 3000 },
  );
  await settle(el);
}

function detail(el: Element, label: string): HTMLElement {
  const term = [...el.shadowRoot!.querySelectorAll('dt')].find((dt) => text(dt) === label);
  if (!term) throw new Error(`no "${label}" in the details`);
  return term.nextElementSibling as HTMLElement;
}

describe('<azure-device-compliance> with the connection’s health', () => {
  it('loads health when connected and shows it after the status', async () => {
    const adapter = new HealthAdapter();
    const { el } = await mount(adapter);
    expect(el.state.status).to.equal('connected');
    await untilPanel(el, (p) => p.status === 'ready', 'health should load');
    const health = panel(el);
    expect(health.previousElementSibling?.localName).to.equal('connection-actions');
    expect(text(find(health, 'h3'))).to.equal(en.healthTitle);
    expect(text(find(health, '[part="state"]'))).to.contain(en.partnerEnabled);
    expect(adapter.calls).to.deep.equal(['loadConnection', 'loadHealth']);
    await expect(el).to.be.accessible();
  });

  it('speaks French inside a French page', async () => {
    const { el } = await mount(new HealthAdapter(), 'fr');
    await untilPanel(el, (p) => p.status === 'ready', 'health should load');
    expect(text(find(panel(el), 'h3'))).to.equal(fr.healthTitle);
    expect(text(find(panel(el), '[part="state"]'))).to.contain(fr.partnerEnabled);
    expect(text(find(panel(el), '[part="check-button"]'))).to.equal(fr.checkNow);
  });

  it('Check now: verifyConsent via "check", loadConnection, then attention and GUID in place', async () => {
    const adapter = new HealthAdapter();
    const { el, changes, audits } = await mount(adapter);
    await untilPanel(el, (p) => p.status === 'ready', 'health should load');
    let answer!: (value: ConsentVerification) => void;
    adapter.verification = () => new Promise((resolve) => (answer = resolve));
    // What the backend holds after its check: consent withdrawn, the GUID learnt.
    adapter.connection = {
      ...CONNECTION,
      tenantGuid: GUID,
      attention: { error: 'consent-missing', since: '2026-01-06T08:00:00.000Z' },
    };
    const checks: Event[] = [];
    el.addEventListener('health-check', (event) => checks.push(event));

    const button = find(panel(el), '[part="check-button"]');
    await clickWithMouse(button);
    await untilPanel(el, (p) => p.checking, 'the check should start');
    expect(checks.length, 'the composite re-sends health-check').to.equal(1);
    expect(announcement(el)).to.equal(en.checking);
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expectFocused(button, 'focus stays on Check now');
    await clickWithMouse(button);
    await settle(el);
    expect(adapter.requests.length, 'a second click while checking is ignored').to.equal(1);
    expect(adapter.requests[0]).to.deep.equal({
      tenantType: 'standard',
      tenantId: 'contoso.com',
      enrollmentUrl: 'https://contoso.com/enroll',
      actor: ACTOR,
      via: 'check',
    });

    answer({ verified: false, error: 'consent-missing', aadsts: 'AADSTS7000229' });
    await untilPanel(el, (p) => !p.checking, 'the check should end');
    expect(adapter.calls).to.deep.equal([
      'loadConnection',
      'loadHealth',
      'verifyConsent',
      'loadConnection',
      'loadHealth',
    ]);
    expect(announcement(el)).to.equal(`⚠ Check failed: ${en.errors['consent-missing']}`);
    expect(el.state.status).to.equal('connected');
    const status = actions(el);
    expect(text(find(status, '[part="attention"] h4'))).to.contain(en.attentionTitle);
    expect(text(find(status, '[part="attention"]'))).to.contain(en.errors['consent-missing']);
    expect(text(detail(status, 'Azure tenant ID'))).to.equal('contoso.com');
    expect(text(detail(status, en.tenantGuidLabel))).to.equal(GUID);
    const active = deepActiveElement();
    expect(active, `focus stays on Check now, not ${describeNode(active)}`).to.equal(button);
    // Same version: no connection-change; a check is never audited by the kit.
    expect(changes).to.deep.equal([]);
    expect(adapter.audit).to.deep.equal([]);
    expect(audits).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  const refusals: [string, ConsentVerification, string][] = [
    [
      'consent withdrawn (AADSTS7000229)',
      { verified: false, error: 'consent-missing', aadsts: 'AADSTS7000229' },
      en.errors['consent-missing'],
    ],
    [
      'a permission missing',
      {
        verified: false,
        error: 'permissions-missing',
        permissions: ['DeviceManagementManagedDevices.Read.All'],
      },
      en.errors['permissions-missing'].replace(
        '{permissions}',
        'DeviceManagementManagedDevices.Read.All',
      ),
    ],
    [
      'throttled, with Retry-After',
      { verified: false, error: 'throttled', retryAfterSeconds: 30 },
      `${en.errors.throttled} ${en.retryAfter.replace('{seconds}', '30')}`,
    ],
  ];
  for (const [name, verification, sentence] of refusals) {
    it(`a failed check (${name}) says why and keeps the connection shown`, async () => {
      const adapter = new HealthAdapter();
      adapter.verification = async () => verification;
      const { el } = await mount(adapter);
      await untilPanel(el, (p) => p.status === 'ready', 'health should load');
      await clickWithMouse(find(panel(el), '[part="check-button"]'));
      await untilPanel(el, (p) => !!p.checkResult, 'the check should end');
      expect(announcement(el)).to.equal(`⚠ Check failed: ${sentence}`);
      expect(el.state.status).to.equal('connected');
      expect(text(detail(actions(el), 'Azure tenant ID'))).to.equal('contoso.com');
      expect(panel(el).status).to.equal('ready');
    });
  }

  it('a verified check is announced with its time', async () => {
    const adapter = new HealthAdapter();
    const { el } = await mount(adapter);
    await untilPanel(el, (p) => p.status === 'ready', 'health should load');
    await clickWithMouse(find(panel(el), '[part="check-button"]'));
    await untilPanel(el, (p) => !!p.checkResult, 'the check should end');
    expect(announcement(el)).to.match(/^✓ Check complete: consent verified at .*\d\d.*\.$/);
  });

  it('a console vetoes a check by cancelling the composite health-check', async () => {
    const adapter = new HealthAdapter();
    const { el } = await mount(adapter);
    await untilPanel(el, (p) => p.status === 'ready', 'health should load');
    el.addEventListener('health-check', (event) => event.preventDefault());
    await clickWithMouse(find(panel(el), '[part="check-button"]'));
    await settle(el);
    expect(panel(el).checking).to.be.false;
    expect(adapter.calls).not.to.include('verifyConsent');
  });

  it('a malformed health answer is the malformed-response sentence with Retry, not a broken panel', async () => {
    const adapter = new HealthAdapter();
    adapter.health = async () => ({ ...healthNow(), partner: { state: 'on' } });
    const { el } = await mount(adapter);
    await untilPanel(el, (p) => p.status === 'failed', 'the answer should be refused');
    const alert = find(panel(el), '[part="alert"]');
    expect(text(alert)).to.contain(en.errors['malformed-response']);
    expect(el.state.status).to.equal('connected');
    await expect(el).to.be.accessible();

    adapter.health = async () => healthNow();
    await clickWithMouse(alert.querySelector('button')!);
    await untilPanel(el, (p) => p.status === 'ready', 'Retry should load it');
    expectNone(panel(el), '[part="alert"]');
    expect(text(find(panel(el), '[part="state"]'))).to.contain(en.partnerEnabled);
  });

  it('the browser-storage default reports no health: the unsupported sentence', async () => {
    const key = 'azure-compliance-connect';
    localStorage.setItem(`${key}:connection`, JSON.stringify(CONNECTION));
    try {
      const { el } = await mount();
      expect(el.state.status).to.equal('connected');
      expect(el.activeAdapter.loadHealth).to.equal(undefined);
      const health = panel(el);
      expect(health.status).to.equal('unsupported');
      expect(text(find(health, '.unsupported'))).to.equal(en.healthUnsupported);
      expectNone(health, 'button');
      await expect(el).to.be.accessible();
    } finally {
      localStorage.removeItem(`${key}:connection`);
    }
  });

  it('"Reconnect to add macOS" in the panel opens the status’s reconnect confirmation', async () => {
    const adapter = new HealthAdapter();
    const { el } = await mount(adapter);
    await untilPanel(el, (p) => p.status === 'ready', 'health should load');
    const requests: boolean[] = [];
    el.addEventListener('disconnect-request', (event) => requests.push(event.detail.reconnect));
    const reconnect = find(panel(el), '[part="reconnect-button"]');
    await clickWithMouse(reconnect);
    await settle(el);
    const dialog = find<HTMLDialogElement>(actions(el), 'dialog');
    expect(dialog.open).to.be.true;
    expect(text(find(actions(el), '#confirm-title'))).to.equal(en.reconnectTitle);
    expect(requests).to.deep.equal([true]);
    expectFocused(find(actions(el), 'dialog .dismiss'));
    await clickWithMouse(find(actions(el), 'dialog .dismiss'));
    await waitUntil(
      () => deepActiveElement() === reconnect,
      `focus should return to the panel's button, not ${describeNode(deepActiveElement())}`,
    );
    expect(el.state.status).to.equal('connected');
  });

  it('offers "Reconnect to add macOS" once: in the panel when Intune’s record is read, else in the status', async () => {
    const reconnects = (el: AzureDeviceCompliance) => [
      ...actions(el).shadowRoot!.querySelectorAll('[part="reconnect-button"]'),
      ...panel(el).shadowRoot!.querySelectorAll('[part="reconnect-button"]'),
    ];
    const missing = new HealthAdapter();
    const first = await mount(missing);
    await untilPanel(first.el, (p) => p.status === 'ready', 'health should load');
    expect(reconnects(first.el)).to.have.length(1);
    expect(reconnects(first.el)[0]!.getRootNode()).to.equal(panel(first.el).shadowRoot);
    expect(text(find(actions(first.el), '[part="status"]'))).not.to.contain(en.macosNote);

    const onboarded = new HealthAdapter();
    onboarded.health = async () =>
      healthNow({
        partner: {
          state: 'enabled',
          lastHeartbeatAt: new Date().toISOString(),
          platforms: { ios: true, android: true, macos: true },
        },
      });
    const second = await mount(onboarded);
    await untilPanel(second.el, (p) => p.status === 'ready', 'health should load');
    expect(reconnects(second.el)).to.have.length(0);

    const unreadable = new HealthAdapter();
    unreadable.health = async () => healthNow({ partner: null, partnerProblem: 'forbidden' });
    const third = await mount(unreadable);
    await untilPanel(third.el, (p) => p.status === 'ready', 'health should load');
    expect(reconnects(third.el)).to.have.length(1);
    expect(reconnects(third.el)[0]!.getRootNode()).to.equal(actions(third.el).shadowRoot);
  });

  it('a console that vetoes the disconnect-request keeps the reconnect closed', async () => {
    const { el } = await mount(new HealthAdapter());
    await untilPanel(el, (p) => p.status === 'ready', 'health should load');
    el.addEventListener('disconnect-request', (event) => event.preventDefault());
    await clickWithMouse(find(panel(el), '[part="reconnect-button"]'));
    await settle(el);
    expect(find<HTMLDialogElement>(actions(el), 'dialog').open).to.be.false;
  });

  it('an edit that saves a new version loads health again', async () => {
    const adapter = new HealthAdapter();
    const { el } = await mount(adapter);
    await untilPanel(el, (p) => p.status === 'ready', 'health should load');
    expect(el.send({ type: 'EDIT' })).to.be.true;
    await settle(el);
    expectNone(el, 'azure-connection-health');
    expect(el.send({ type: 'EDIT_FIELD', field: 'remediationUrl', value: 'https://fix.example/' }))
      .to.be.true;
    expect(el.send({ type: 'SUBMIT', consentState: 'x'.repeat(43) })).to.be.true;
    await waitUntil(() => el.state.status === 'connected', 'saved', { timeout: 3000 });
    await untilPanel(el, (p) => p.status === 'ready', 'health should load again');
    expect(adapter.calls.filter((call) => call === 'loadHealth')).to.have.length(2);
  });
});
