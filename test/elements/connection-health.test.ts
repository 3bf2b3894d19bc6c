import { expect, html, oneEvent } from '@open-wc/testing';
import '../../src/define/index.js';
import { fr } from '../../src/i18n/fr.js';
import {
  en,
  PARTNER_STATES,
  type ConnectionHealth,
  type ConnectionHealthPanel,
  type HealthCheckResult,
  type HealthStatus,
  type KitError,
  type PartnerState,
  type Strings,
} from '../../src/index.js';
import {
  captureWarnings,
  clickWithMouse,
  deepActiveElement,
  describeNode,
  expectFocused,
  expectNone,
  find,
  maybe,
  mountWrapper,
  text,
} from './helpers.js';

const NOW = new Date('2026-03-10T12:00:00.000Z');
/** 12 minutes before NOW. */
const HEARTBEAT = '2026-03-10T11:48:00.000Z';

function healthOf(overrides: Partial<ConnectionHealth> = {}): ConnectionHealth {
  return {
    checkedAt: '2026-03-10T11:59:00.000Z',
    partner: {
      state: 'enabled',
      lastHeartbeatAt: HEARTBEAT,
      platforms: { ios: true, android: true, macos: false },
    },
    lastVerification: { at: '2026-03-10T09:00:00.000Z', verified: true },
    heartbeatMaxAgeMinutes: 60,
    ...overrides,
  };
}

function withPartner(
  partner: Partial<NonNullable<ConnectionHealth['partner']>>,
  overrides: Partial<ConnectionHealth> = {},
): ConnectionHealth {
  const base = healthOf();
  return { ...base, ...overrides, partner: { ...base.partner!, ...partner } };
}

interface Props {
  health?: ConnectionHealth;
  status?: HealthStatus;
  checking?: boolean;
  error?: KitError;
  checkResult?: HealthCheckResult;
}

/** The panel under an ancestor with `lang`, measured against NOW. */
async function mount(props: Props = {}, lang = 'en'): Promise<ConnectionHealthPanel> {
  const root = await mountWrapper<HTMLDivElement>(html`
    <div lang=${lang}>
      <azure-connection-health
        .health=${props.health}
        .status=${props.status ?? 'ready'}
        .checking=${props.checking ?? false}
        .error=${props.error}
        .checkResult=${props.checkResult}
        .now=${NOW}
      ></azure-connection-health>
    </div>
  `);
  const el = root.querySelector('azure-connection-health')!;
  await el.updateComplete;
  return el;
}

/** The value shown under a <dt> label. */
function detail(el: ConnectionHealthPanel, label: string): HTMLElement {
  const terms = [...el.shadowRoot!.querySelectorAll('dt')];
  const term = terms.find((dt) => text(dt) === label);
  if (!term) throw new Error(`no "${label}" in ${terms.map((dt) => text(dt)).join(', ')}`);
  return term.nextElementSibling as HTMLElement;
}

const announcement = (el: ConnectionHealthPanel) => text(find(el, '[role="status"]'));

const STATE_TEXT: Record<PartnerState, keyof Strings> = {
  enabled: 'partnerEnabled',
  unresponsive: 'partnerUnresponsive',
  terminated: 'partnerTerminated',
  rejected: 'partnerRejected',
  unavailable: 'partnerUnavailable',
  unknown: 'partnerUnknown',
};

describe('<azure-connection-health>', () => {
  describe('the partner state, in words', () => {
    for (const [lang, t] of [
      ['en', en],
      ['fr', fr],
    ] as const) {
      for (const state of PARTNER_STATES) {
        it(`${state} (${lang})`, async () => {
          const el = await mount({ health: withPartner({ state }) }, lang);
          const shown = find(el, '[part="state"]');
          const sentence = t[STATE_TEXT[state]] as string;
          expect(text(shown)).to.contain(sentence);
          // Words, never the bare enum value.
          expect(text(shown.querySelector('span:not(.icon)'))).to.equal(sentence);
          expect(text(shown)).not.to.equal(state);
          // A symbol besides the colour.
          expect(text(shown.querySelector('.icon'))).to.match(/^[✓⚠✕?]$/);
          expect(shown.querySelector('.icon')?.getAttribute('aria-hidden')).to.equal('true');
          expect(text(find(el, 'h3'))).to.equal(t.healthTitle);
          expect(text(detail(el, t.partnerStateLabel))).to.contain(sentence);
          await expect(el).to.be.accessible();
        });
      }
    }

    it('every state has its own sentence in each language', () => {
      for (const t of [en, fr]) {
        const sentences = PARTNER_STATES.map((state) => t[STATE_TEXT[state]]);
        expect(new Set(sentences).size).to.equal(PARTNER_STATES.length);
      }
      for (const state of PARTNER_STATES) {
        expect(fr[STATE_TEXT[state]], state).not.to.equal(en[STATE_TEXT[state]]);
      }
    });

    it('shows the partner’s name in Intune when the backend gives it', async () => {
      const el = await mount({ health: withPartner({ displayName: 'Contoso MDM' }) });
      expect(text(detail(el, en.partnerNameLabel))).to.equal('Contoso MDM');
      const without = await mount({ health: healthOf() });
      expect(() => detail(without, en.partnerNameLabel)).to.throw();
    });
  });

  describe('platforms', () => {
    it('lists iOS, Android and macOS, each onboarded or not, in words', async () => {
      const el = await mount({ health: healthOf() });
      const items = [...find(el, '[part="platforms"]').querySelectorAll('div')].map((pair) =>
        text(pair),
      );
      expect(items).to.deep.equal([
        'iOS ✓ Onboarded',
        'Android ✓ Onboarded',
        'macOS – Not onboarded',
      ]);
    });

    it('in French', async () => {
      const el = await mount(
        { health: withPartner({ platforms: { ios: false, android: true, macos: true } }) },
        'fr',
      );
      const items = [...find(el, '[part="platforms"]').querySelectorAll('div')].map((pair) =>
        text(pair),
      );
      expect(items).to.deep.equal(['iOS – Non intégré', 'Android ✓ Intégré', 'macOS ✓ Intégré']);
      expect(text(detail(el, fr.platformsLabel))).to.contain('Intégré');
    });

    it('macOS not onboarded: "Reconnect to add macOS" fires reconnect-request', async () => {
      const el = await mount({ health: healthOf() });
      const button = find(el, '[part="reconnect-button"]');
      expect(text(button)).to.equal(en.reconnectForMacos);
      const request = oneEvent(el, 'reconnect-request');
      await clickWithMouse(button);
      const event = await request;
      expect(event.detail).to.deep.equal({});
      expect(event.bubbles).to.be.true;
    });

    it('macOS onboarded: no reconnect button', async () => {
      const el = await mount({
        health: withPartner({ platforms: { ios: true, android: true, macos: true } }),
      });
      expectNone(el, '[part="reconnect-button"]');
    });

    it('the reconnect button speaks French under lang="fr"', async () => {
      const el = await mount({ health: healthOf() }, 'fr');
      expect(text(find(el, '[part="reconnect-button"]'))).to.equal(fr.reconnectForMacos);
    });
  });

  describe('heartbeat', () => {
    it('"12 minutes ago", with the date and time in <time datetime> and beside it', async () => {
      const el = await mount({ health: healthOf() });
      const value = detail(el, en.lastHeartbeatLabel);
      const time = value.querySelector('time')!;
      expect(text(time)).to.equal('12 minutes ago');
      expect(time.getAttribute('datetime')).to.equal(HEARTBEAT);
      expect(time.title).to.contain('2026');
      expect(text(value.querySelector('.absolute'))).to.match(/March \d+, 2026/);
      expect(maybe(el, '[part="warning"]')).to.equal(null);
    });

    it('in French: "il y a 12 minutes"', async () => {
      const el = await mount({ health: healthOf() }, 'fr');
      const value = detail(el, fr.lastHeartbeatLabel);
      expect(text(value.querySelector('time'))).to.equal('il y a 12 minutes');
      expect(text(value.querySelector('.absolute'))).to.contain('mars 2026');
    });

    it('an invalid lang tag (en_US) still renders, in English', async () => {
      const el = await mount({ health: healthOf() }, 'en_US');
      expect(text(detail(el, en.lastHeartbeatLabel).querySelector('time'))).to.equal(
        '12 minutes ago',
      );
    });

    it('older than heartbeatMaxAgeMinutes: a warning with a symbol and words', async () => {
      const el = await mount({ health: healthOf({ heartbeatMaxAgeMinutes: 10 }) });
      const warning = find(el, '[part="warning"]');
      expect(text(warning)).to.equal(`⚠ ${en.heartbeatStale.replace('{age}', '10 minutes')}`);
      expect(detail(el, en.lastHeartbeatLabel).contains(warning)).to.be.true;
      await expect(el).to.be.accessible();
    });

    it('the allowed age reads in the largest exact unit, in French too', async () => {
      const el = await mount(
        {
          health: withPartner(
            { lastHeartbeatAt: '2026-03-10T09:00:00.000Z' },
            { heartbeatMaxAgeMinutes: 120 },
          ),
        },
        'fr',
      );
      expect(text(detail(el, fr.lastHeartbeatLabel).querySelector('time'))).to.equal(
        'il y a 3 heures',
      );
      expect(text(find(el, '[part="warning"]'))).to.contain(
        fr.heartbeatStale.replace('{age}', '2 heures'),
      );
    });

    it('exactly at the limit is not stale yet', async () => {
      const el = await mount({ health: healthOf({ heartbeatMaxAgeMinutes: 12 }) });
      expectNone(el, '[part="warning"]');
    });

    it('no heartbeat at all: "No heartbeat yet", with the warning', async () => {
      const el = await mount({ health: withPartner({ lastHeartbeatAt: null }) });
      const value = detail(el, en.lastHeartbeatLabel);
      expect(text(value)).to.contain(en.noHeartbeat);
      expect(value.querySelector('time')).to.equal(null);
      expect(text(find(el, '[part="warning"]'))).to.contain('1 hour');
    });
  });

  describe('the last consent check', () => {
    it('verified: when, and "Consent verified"', async () => {
      const el = await mount({ health: healthOf() });
      const value = detail(el, en.lastCheckLabel);
      expect(text(value.querySelector('time'))).to.equal('3 hours ago');
      expect(value.querySelector('time')?.getAttribute('datetime')).to.equal(
        '2026-03-10T09:00:00.000Z',
      );
      expect(text(value.querySelector('.outcome'))).to.equal(`✓ ${en.consentVerified}`);
    });

    it('failed: the error’s sentence, never its code', async () => {
      const el = await mount({
        health: healthOf({
          lastVerification: {
            at: '2026-03-09T12:00:00.000Z',
            verified: false,
            error: 'consent-missing',
            aadsts: 'AADSTS7000229',
          },
        }),
      });
      const outcome = text(detail(el, en.lastCheckLabel).querySelector('.outcome'));
      expect(outcome).to.equal(`⚠ ${en.errors['consent-missing']}`);
      expect(text(detail(el, en.lastCheckLabel).querySelector('time'))).to.equal('yesterday');
    });

    it('an AADSTS code alone is turned into its sentence', async () => {
      const el = await mount({
        health: healthOf({
          lastVerification: { at: NOW.toISOString(), verified: false, aadsts: 'AADSTS90002' },
        }),
      });
      expect(text(detail(el, en.lastCheckLabel))).to.contain(en.errors['tenant-not-found']);
    });

    it('permissions-missing without the list: a sentence that does not name them', async () => {
      const el = await mount(
        {
          health: healthOf({
            lastVerification: {
              at: NOW.toISOString(),
              verified: false,
              error: 'permissions-missing',
            },
          }),
        },
        'fr',
      );
      const outcome = text(detail(el, fr.lastCheckLabel).querySelector('.outcome'));
      expect(outcome).to.equal(`⚠ ${fr.permissionsMissingUnnamed}`);
      expect(outcome).not.to.contain('{permissions}');
    });

    it('never checked: "Not checked yet"', async () => {
      const el = await mount({ health: healthOf({ lastVerification: null }) });
      expect(text(detail(el, en.lastCheckLabel))).to.equal(en.notCheckedYet);
    });
  });

  describe('no partner record', () => {
    const cases: [string | undefined, (t: Strings) => string][] = [
      ['not-configured', (t) => t.partnerNotConfigured],
      ['forbidden', (t) => t.partnerForbidden],
      ['not-found', (t) => t.partnerNotFound],
      ['consent-missing', (t) => t.errors['consent-missing']],
      ['throttled', (t) => t.errors.throttled],
      ['microsoft-unavailable', (t) => t.errors['microsoft-unavailable']],
      ['microsoft-malformed', (t) => t.errors['microsoft-malformed']],
      ['permissions-missing', (t) => t.permissionsMissingUnnamed],
      ['something-new', (t) => t.partnerMissing],
      [undefined, (t) => t.partnerMissing],
    ];
    for (const [problem, sentence] of cases) {
      it(`partnerProblem ${problem ?? '(none)'}: a clear sentence, and the rest still works`, async () => {
        const health = healthOf({
          partner: null,
          ...(problem === undefined ? {} : { partnerProblem: problem }),
        });
        for (const [lang, t] of [
          ['en', en],
          ['fr', fr],
        ] as const) {
          const el = await mount({ health }, lang);
          const shown = text(find(el, '[part="state"]'));
          expect(shown, lang).to.contain(sentence(t));
          if (problem) expect(shown, lang).not.to.contain(problem);
          expectNone(el, '[part="platforms"]');
          expect(() => detail(el, t.lastHeartbeatLabel)).to.throw();
          expect(text(detail(el, t.lastCheckLabel)).length).to.be.greaterThan(0);
          expect(text(find(el, '[part="check-button"]'))).to.equal(t.checkNow);
          await expect(el).to.be.accessible();
        }
      });
    }

    it('the same cause as the failed check is said once, with the check', async () => {
      const health = healthOf({
        partner: null,
        partnerProblem: 'consent-missing',
        lastVerification: { at: HEARTBEAT, verified: false, error: 'consent-missing' },
      });
      for (const [lang, t] of [
        ['en', en],
        ['fr', fr],
      ] as const) {
        const el = await mount({ health }, lang);
        expect(text(find(el, '[part="state"]')), lang).to.equal(`ℹ ${t.partnerSameAsCheck}`);
        expect(text(detail(el, t.lastCheckLabel)), lang).to.contain(t.errors['consent-missing']);
        const whole = text(find(el, '[part="details"]'));
        expect(whole.split(t.errors['consent-missing']).length - 1, lang).to.equal(1);
      }
    });

    it('forbidden names the permission the app lacks', async () => {
      const el = await mount({ health: healthOf({ partner: null, partnerProblem: 'forbidden' }) });
      expect(text(find(el, '[part="state"]'))).to.contain('DeviceManagementServiceConfig.Read.All');
    });
  });

  describe('status', () => {
    it('unsupported: one sentence, no Check now, nothing else', async () => {
      for (const [lang, t] of [
        ['en', en],
        ['fr', fr],
      ] as const) {
        const el = await mount({ status: 'unsupported', health: healthOf() }, lang);
        expect(text(find(el, '.unsupported'))).to.equal(t.healthUnsupported);
        expectNone(el, 'dl');
        expectNone(el, 'button');
        expectNone(el, '[role="alert"]');
        expect(announcement(el)).to.equal('');
        expect(el.getAttribute('status')).to.equal('unsupported');
        await expect(el).to.be.accessible();
      }
    });

    it('loading: announced as a status, with Check now still there', async () => {
      const el = await mount({ status: 'loading' });
      expect(announcement(el)).to.equal(en.healthLoading);
      expectNone(el, 'dl');
      expect(text(find(el, '[part="check-button"]'))).to.equal(en.checkNow);
      expect(el.getAttribute('status')).to.equal('loading');
      await expect(el).to.be.accessible();
      const french = await mount({ status: 'loading' }, 'fr');
      expect(announcement(french)).to.equal(fr.healthLoading);
    });

    it('failed: a titled error box with the sentence, and one Retry outside the announced text, which fires kit-retry', async () => {
      const el = await mount({ status: 'failed', error: { code: 'malformed-response' } });
      const alert = find(el, '[part="alert"]');
      const announced = find(el, '[role="alert"]');
      expect(alert.contains(announced)).to.be.true;
      expect(text(announced.querySelector('.alert-title'))).to.equal(en.healthLoadFailedTitle);
      expect(text(announced)).to.contain(en.errors['malformed-response']);
      expect(announced.querySelector('button')).to.equal(null);
      expect(alert.querySelectorAll('button')).to.have.length(1);
      const retry = alert.querySelector('button')!;
      expect(text(retry)).to.equal(en.retry);
      expectNone(el, 'dl');
      await expect(el).to.be.accessible();
      const event = oneEvent(el, 'kit-retry');
      await clickWithMouse(retry);
      expect((await event).detail).to.deep.equal({});
    });

    it('failed in French', async () => {
      const el = await mount({ status: 'failed', error: { code: 'network' } }, 'fr');
      const alert = find(el, '[part="alert"]');
      expect(text(alert)).to.contain(fr.errors.network);
      expect(text(alert.querySelector('.alert-title'))).to.equal(fr.healthLoadFailedTitle);
      expect(text(alert.querySelector('button'))).to.equal(fr.retry);
    });

    it('ready reflects its status; an unknown status warns and shows as loading', async () => {
      const el = await mount({ health: healthOf() });
      expect(el.getAttribute('status')).to.equal('ready');
      const warnings = captureWarnings();
      try {
        el.status = 'broken' as HealthStatus;
        await el.updateComplete;
        await el.updateComplete;
      } finally {
        warnings.restore();
      }
      expect(el.status).to.equal('loading');
      expect(warnings.messages.join('\n')).to.contain('unknown status "broken"');
      expect(announcement(el)).to.equal(en.healthLoading);
    });
  });

  describe('Check now', () => {
    it('fires a cancelable health-check', async () => {
      const el = await mount({ health: healthOf() });
      const button = find(el, '[part="check-button"]');
      expect(text(button)).to.equal(en.checkNow);
      expect(button.getAttribute('aria-disabled')).to.equal('false');
      const check = oneEvent(el, 'health-check');
      await clickWithMouse(button);
      const event = await check;
      expect(event.cancelable).to.be.true;
      expect(event.detail).to.deep.equal({});
    });

    it('while checking: focus stays on the button, clicks do nothing, progress is announced', async () => {
      const el = await mount({ health: healthOf() });
      const button = find<HTMLButtonElement>(el, '[part="check-button"]');
      const checks: Event[] = [];
      el.addEventListener('health-check', (event) => checks.push(event));
      await clickWithMouse(button);
      expect(checks.length).to.equal(1);
      expectFocused(button);

      el.checking = true;
      await el.updateComplete;
      expect(el.hasAttribute('checking')).to.be.true;
      expectSame(find(el, '[part="check-button"]'), button);
      expect(button.disabled).to.be.false;
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expectFocused(button, 'focus while checking');
      expect(deepActiveElement(), 'never the page body').not.to.equal(document.body);
      expect(announcement(el)).to.equal(en.checking);
      await clickWithMouse(button);
      expect(checks.length, 'a click while checking is ignored').to.equal(1);
      await expect(el).to.be.accessible();

      el.checking = false;
      el.checkResult = { at: '2026-03-10T12:00:05.000Z', verified: true };
      await el.updateComplete;
      expectFocused(button, 'focus after the check');
      expect(button.getAttribute('aria-disabled')).to.equal('false');
      expect(announcement(el)).to.match(/^✓ Check complete: consent verified at \d/);
    });

    it('checking in French', async () => {
      const el = await mount({ health: healthOf(), checking: true }, 'fr');
      expect(announcement(el)).to.equal(fr.checking);
      expect(text(find(el, '[part="check-button"]'))).to.equal(fr.checkNow);
    });

    it('announces a failed check with the error’s sentence, permissions and wait included', async () => {
      const el = await mount({
        health: healthOf(),
        checkResult: {
          at: NOW.toISOString(),
          verified: false,
          error: {
            code: 'permissions-missing',
            permissions: ['DeviceManagementManagedDevices.Read.All', 'Directory.Read.All'],
          },
        },
      });
      expect(announcement(el)).to.equal(
        `⚠ Check failed: ${en.errors['permissions-missing'].replace(
          '{permissions}',
          'DeviceManagementManagedDevices.Read.All and Directory.Read.All',
        )}`,
      );
      el.checkResult = {
        at: NOW.toISOString(),
        verified: false,
        error: { code: 'throttled', retryAfterSeconds: 30 },
      };
      await el.updateComplete;
      expect(announcement(el)).to.equal(
        `⚠ Check failed: ${en.errors.throttled} ${en.retryAfter.replace('{seconds}', '30')}`,
      );
      await expect(el).to.be.accessible();
    });

    it('a verified check in French', async () => {
      const el = await mount(
        { health: healthOf(), checkResult: { at: NOW.toISOString(), verified: true } },
        'fr',
      );
      expect(announcement(el)).to.match(
        /^✓ Vérification terminée\u202f: consentement confirmé à \d\d:\d\d:\d\d\.$/,
      );
    });
  });
});

function expectSame(actual: Element | null, expected: Element | null): void {
  expect(actual === expected, `expected ${describeNode(expected)}, got ${describeNode(actual)}`).to
    .be.true;
}
