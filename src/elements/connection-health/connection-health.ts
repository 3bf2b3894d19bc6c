import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { HealthCheckResult, HealthStatus } from '../../controller/health-controller.js';
import { consentErrorCode, isErrorCode, type ErrorCode, type KitError } from '../../core/errors.js';
import {
  isHeartbeatStale,
  type ConnectionHealth,
  type LastVerification,
  type PartnerState,
  type PartnerStatus,
} from '../../core/health.js';
import { format, type Strings } from '../../i18n/index.js';
import { formatDateTime, formatMinutes, formatRelative, formatTime } from '../../i18n/intl.js';
import { tokens } from '../../styles/shared.styles.js';
import { deepActiveElement } from '../focus.js';
import { KitElement } from '../kit-element.js';
import { renderAlert } from '../ui.js';
import { styles } from './connection-health.styles.js';

const STATUSES: readonly HealthStatus[] = ['unsupported', 'loading', 'ready', 'failed'];

/** How a partner state looks: the sentence and a symbol, so colour is never the only cue. */
type Tone = 'good' | 'warning' | 'bad' | 'neutral';
type PartnerText = Extract<keyof Strings, `partner${Capitalize<PartnerState>}`>;
const PARTNER: Readonly<
  Record<PartnerState, { readonly text: PartnerText; readonly tone: Tone; readonly icon: string }>
> = {
  enabled: { text: 'partnerEnabled', tone: 'good', icon: '✓' },
  unresponsive: { text: 'partnerUnresponsive', tone: 'warning', icon: '⚠' },
  terminated: { text: 'partnerTerminated', tone: 'bad', icon: '✕' },
  rejected: { text: 'partnerRejected', tone: 'bad', icon: '✕' },
  unavailable: { text: 'partnerUnavailable', tone: 'warning', icon: '⚠' },
  unknown: { text: 'partnerUnknown', tone: 'neutral', icon: '?' },
};

const PLATFORMS = [
  ['ios', 'iOS'],
  ['android', 'Android'],
  ['macos', 'macOS'],
] as const;

/** Refreshes "12 minutes ago" while the panel is on screen. */
const TICK_MS = 30_000;

/**
 * What Intune reports of the connected tenant: the compliance partner's state in words, its last
 * heartbeat (with a warning when it is older than the deployment allows), the platforms
 * onboarded, and the last consent check, with "Check now" to verify consent with Microsoft
 * again. A thin view: `<azure-device-compliance>` drives it; used alone, set its properties.
 * It has no box of its own (a separator and its heading set it apart), and its details stack
 * label over value when it is narrower than 34rem. Check now stays focusable while a check runs
 * (`aria-disabled`); after Retry, focus moves to the panel's heading when the alert goes away.
 *
 * @summary Intune's view of the connection: partner state, heartbeat, platforms, consent check.
 *
 * @event health-check - Check now was clicked; cancelable: `preventDefault()` and no check runs.
 * @event reconnect-request - "Reconnect to add macOS" was clicked (macOS is not onboarded).
 * @event kit-retry - Retry was clicked after health could not be loaded.
 *
 * @csspart panel - The panel (a section with its heading, a separator above it, no border).
 * @csspart details - The list of what Intune reports.
 * @csspart state - The partner state, in words.
 * @csspart warning - The warning shown when the last heartbeat is too old.
 * @csspart platforms - The platforms, each onboarded or not (a list of name and state pairs).
 * @csspart reconnect-button - Reconnect to add macOS.
 * @csspart check-button - Check now.
 * @csspart alert - The message shown when health could not be loaded, with Retry.
 *
 * @cssprop --azure-connection-health-background - Background of the panel (none by default; add padding through `::part(panel)` if you set one).
 */
export class ConnectionHealthPanel extends KitElement {
  static override styles = [tokens, styles];

  /** What Intune reports, as the adapter's `loadHealth` returned it. */
  @property({ attribute: false }) health?: ConnectionHealth;

  /**
   * `unsupported` (the backend reports no health), `loading`, `ready` (shows `health`) or
   * `failed` (shows `error` with Retry).
   */
  @property({ reflect: true }) status: HealthStatus = 'loading';

  /** A Check now is running: the button stays focusable but does nothing, and it is announced. */
  @property({ type: Boolean, reflect: true }) checking = false;

  /** Why health could not be loaded (`status` is `failed`). */
  @property({ attribute: false }) error?: KitError;

  /** The outcome of the last Check now, announced when it arrives. */
  @property({ attribute: false }) checkResult?: HealthCheckResult;

  /** The time to measure ages against. Default: the current time (for tests and stories). */
  @property({ attribute: false }) now?: Date;

  #tick?: ReturnType<typeof setInterval>;
  /** Retry was activated: when its alert goes away, focus goes to the heading, not the page. */
  #retried = false;

  protected syncFromWizard(): void {
    // Health is not part of the wizard: the composite sets this view's properties itself.
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#tick = setInterval(() => {
      if (!this.now) this.requestUpdate();
    }, TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#tick);
    this.#tick = undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('status') && !STATUSES.includes(this.status)) {
      console.warn(
        `azure-connection-health: unknown status "${String(this.status)}", shown as "loading"`,
      );
      this.status = 'loading';
    }
  }

  protected override updated(): void {
    if (!this.#retried || this.status === 'failed') return;
    this.#retried = false;
    const active = deepActiveElement();
    if (!active || active === document.body) {
      this.renderRoot.querySelector<HTMLElement>('#health-title')?.focus();
    }
  }

  #now(): Date {
    return this.now ?? new Date();
  }

  #onCheck(): void {
    // `aria-disabled` keeps the button (and focus) in place while a check runs: this guard is
    // what makes it inert.
    if (this.checking || !this.firstInTask('check')) return;
    this.emit('health-check', {});
  }

  #onReconnect(): void {
    if (!this.firstInTask('reconnect')) return;
    this.emit('reconnect-request', {});
  }

  #onRetry(): void {
    if (!this.firstInTask('retry')) return;
    this.#retried = true;
    this.emit('kit-retry', {});
  }

  /** A time as "12 minutes ago", with the date and time in full beside it and in `datetime`. */
  #time(iso: string) {
    const absolute = formatDateTime(iso, this.locale);
    return html`<time datetime=${iso} title=${absolute}
        >${formatRelative(iso, this.#now(), this.locale)}</time
      >
      <span class="absolute">(${absolute})</span>`;
  }

  /** The sentence of a kit error code that comes from outside (a backend's string). */
  #codeText(code: string | undefined, aadsts?: string): string {
    const known: ErrorCode = isErrorCode(code) ? code : consentErrorCode(code, aadsts);
    return this.errorText({ code: known, ...(aadsts ? { aadsts } : {}) });
  }

  #partnerProblem(problem: string | undefined): string {
    const t = this.t;
    switch (problem) {
      case 'not-configured':
        return t.partnerNotConfigured;
      case 'forbidden':
        return t.partnerForbidden;
      case 'not-found':
        return t.partnerNotFound;
      case undefined:
        return t.partnerMissing;
      default:
        if (!isErrorCode(problem)) return t.partnerMissing;
        // The same cause as the failed consent check shown below: said once, not twice.
        return this.health?.lastVerification?.error === problem
          ? t.partnerSameAsCheck
          : this.errorText({ code: problem });
    }
  }

  #renderPartner(partner: PartnerStatus, health: ConnectionHealth) {
    const t = this.t;
    const look = Object.hasOwn(PARTNER, partner.state) ? PARTNER[partner.state] : PARTNER.unknown;
    const stale = isHeartbeatStale(health, this.#now());
    return html`
      <dt>${t.partnerStateLabel}</dt>
      <dd part="state" class="state" data-tone=${look.tone}>
        <span class="icon" aria-hidden="true">${look.icon}</span>
        <span>${t[look.text]}</span>
      </dd>
      ${
        partner.displayName
          ? html`<dt>${t.partnerNameLabel}</dt>
              <dd>${partner.displayName}</dd>`
          : nothing
      }
      <dt>${t.lastHeartbeatLabel}</dt>
      <dd class="heartbeat">
        ${partner.lastHeartbeatAt ? this.#time(partner.lastHeartbeatAt) : t.noHeartbeat}
        ${
          stale
            ? html`<p class="warning" part="warning">
                <span class="icon" aria-hidden="true">⚠</span>
                <span
                  >${format(t.heartbeatStale, {
                    age: formatMinutes(health.heartbeatMaxAgeMinutes, this.locale),
                  })}</span
                >
              </p>`
            : nothing
        }
      </dd>
      <dt>${t.platformsLabel}</dt>
      <dd>
        <dl part="platforms" class="platforms">
          ${PLATFORMS.map(([key, name]) => {
            const on = partner.platforms[key];
            return html`<div data-platform=${key} data-onboarded=${on ? 'true' : 'false'}>
              <dt class="platform">${name}</dt>
              <dd class="onboarding">
                <span class="icon" aria-hidden="true">${on ? '✓' : '–'}</span>
                ${on ? t.onboarded : t.notOnboarded}
              </dd>
            </div>`;
          })}
        </dl>
        ${
          partner.platforms.macos
            ? nothing
            : html`<button
                type="button"
                part="reconnect-button"
                class="reconnect"
                @click=${this.#onReconnect}
              >
                ${t.reconnectForMacos}
              </button>`
        }
      </dd>
    `;
  }

  #renderVerification(verification: LastVerification | null) {
    const t = this.t;
    if (!verification) {
      return html`<dt>${t.lastCheckLabel}</dt>
        <dd>${t.notCheckedYet}</dd>`;
    }
    return html`
      <dt>${t.lastCheckLabel}</dt>
      <dd class="verification">
        ${this.#time(verification.at)}
        <p class="outcome" data-tone=${verification.verified ? 'good' : 'bad'}>
          <span class="icon" aria-hidden="true">${verification.verified ? '✓' : '⚠'}</span>
          <span
            >${
              verification.verified
                ? t.consentVerified
                : this.#codeText(verification.error, verification.aadsts)
            }</span
          >
        </p>
      </dd>
    `;
  }

  #renderBody() {
    const t = this.t;
    switch (this.status) {
      case 'unsupported':
        return html`<p class="unsupported">${t.healthUnsupported}</p>`;
      case 'loading':
        return nothing;
      case 'failed':
        return renderAlert({
          title: t.healthLoadFailedTitle,
          text: this.errorText(this.error ?? { code: 'adapter' }),
          actions: html`<button type="button" class="retry" @click=${this.#onRetry}>
            ${t.retry}
          </button>`,
        });
      case 'ready': {
        const health = this.health;
        if (!health) return nothing;
        return html`<dl part="details" class="details">
          ${
            health.partner
              ? this.#renderPartner(health.partner, health)
              : html`<dt>${t.partnerStateLabel}</dt>
                  <dd part="state" class="state problem" data-tone="neutral">
                    <span class="icon" aria-hidden="true">ℹ</span>
                    <span>${this.#partnerProblem(health.partnerProblem)}</span>
                  </dd>`
          }
          ${this.#renderVerification(health.lastVerification)}
        </dl>`;
      }
    }
  }

  /** What the polite status region says: progress, then the outcome of the last check. */
  #announcement() {
    const t = this.t;
    if (this.checking) {
      return html`<span class="spinner" aria-hidden="true"></span> ${t.checking}`;
    }
    const result = this.checkResult;
    if (result) {
      return result.verified
        ? html`<span class="icon" aria-hidden="true">✓</span>
            ${format(t.checkVerified, { time: formatTime(new Date(result.at), this.locale) })}`
        : html`<span class="icon" aria-hidden="true">⚠</span>
            ${format(t.checkFailed, { error: this.errorText(result.error) })}`;
    }
    if (this.status === 'loading') {
      return html`<span class="spinner" aria-hidden="true"></span> ${t.healthLoading}`;
    }
    return nothing;
  }

  protected override render() {
    const t = this.t;
    const result = this.checkResult;
    const tone = this.checking || !result ? 'neutral' : result.verified ? 'good' : 'bad';
    return html`
      <section part="panel" aria-labelledby="health-title">
        <h3 id="health-title" tabindex="-1">${t.healthTitle}</h3>
        ${this.#renderBody()}
        <p role="status" class="announce" data-tone=${tone}>${this.#announcement()}</p>
        ${
          this.status === 'unsupported'
            ? nothing
            : html`<div class="actions">
                <button
                  type="button"
                  part="check-button"
                  class="check"
                  aria-disabled=${this.checking ? 'true' : 'false'}
                  @click=${this.#onCheck}
                >
                  ${t.checkNow}
                </button>
              </div>`
        }
      </section>
    `;
  }
}
