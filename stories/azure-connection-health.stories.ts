import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import type { HealthCheckResult, HealthStatus } from '../src/controller/health-controller.js';
import type { KitError } from '../src/core/errors.js';
import type { ConnectionHealth, PartnerState } from '../src/core/health.js';
import {
  asShown,
  stringsOf,
  themeAttribute,
  withinShadow,
  type ElementTheme,
} from './support/fixtures.js';

// Controls and event logging come from custom-elements.json (see .storybook/preview.ts): the
// status is a radio of its real values, and every event reaches the `on…` arg of its name.
interface HealthArgs {
  health: ConnectionHealth | undefined;
  status: HealthStatus;
  checking: boolean;
  error: KitError | undefined;
  checkResult: HealthCheckResult | undefined;
  /** The element's `now`, as the date control gives it: milliseconds since 1970. */
  now: number;
  theme: ElementTheme;
  onHealthCheck: (event: Event) => void;
  onReconnectRequest: (event: Event) => void;
  onKitRetry: (event: Event) => void;
}

/** Every story is measured against this time, so "12 minutes ago" reads the same each time. */
const NOW = new Date('2025-03-20T10:00:00.000Z');
const minutesBefore = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

function healthIn(
  state: PartnerState,
  partner: Partial<NonNullable<ConnectionHealth['partner']>> = {},
): ConnectionHealth {
  return {
    checkedAt: minutesBefore(1),
    partner: {
      state,
      lastHeartbeatAt: minutesBefore(12),
      platforms: { ios: true, android: true, macos: false },
      displayName: 'Contoso MDM',
      ...partner,
    },
    lastVerification: { at: minutesBefore(180), verified: true },
    heartbeatMaxAgeMinutes: 60,
  };
}

const meta: Meta<HealthArgs> = {
  title: 'Elements/azure-connection-health',
  component: 'azure-connection-health',
  args: {
    health: healthIn('enabled'),
    status: 'ready',
    checking: false,
    error: undefined,
    checkResult: undefined,
    now: NOW.getTime(),
    theme: 'inherit',
    onHealthCheck: fn(),
    onReconnectRequest: fn(),
    onKitRetry: fn(),
  },
  argTypes: {
    now: { control: 'date' },
  },
  render: (args) => html`
    <azure-connection-health
      .health=${args.health}
      .status=${args.status}
      .checking=${args.checking}
      .error=${args.error}
      .checkResult=${args.checkResult}
      .now=${new Date(args.now)}
      theme=${themeAttribute(args.theme)}
    ></azure-connection-health>
  `,
};

export default meta;
type Story = StoryObj<HealthArgs>;

/** Intune uses the console's results; macOS is not onboarded yet, so Reconnect is offered. */
export const Enabled: Story = {
  play: async (context) => {
    const { canvasElement, args } = context;
    const t = stringsOf(context);
    const panel = withinShadow(canvasElement.querySelector('azure-connection-health'));
    await expect(panel.getByText(asShown(t.partnerEnabled))).toBeVisible();
    await userEvent.click(panel.getByRole('button', { name: t.checkNow }));
    await waitFor(() => expect(args.onHealthCheck).toHaveBeenCalledOnce());
    await userEvent.click(panel.getByRole('button', { name: t.reconnectForMacos }));
    await waitFor(() => expect(args.onReconnectRequest).toHaveBeenCalledOnce());
  },
};

/** Intune has not heard from the console for longer than allowed: the heartbeat warning. */
export const Unresponsive: Story = {
  args: { health: healthIn('unresponsive', { lastHeartbeatAt: minutesBefore(190) }) },
};

export const Terminated: Story = {
  args: {
    health: healthIn('terminated', {
      lastHeartbeatAt: minutesBefore(60 * 24 * 3),
      platforms: { ios: false, android: false, macos: false },
    }),
  },
};

export const Rejected: Story = {
  args: {
    health: healthIn('rejected', {
      lastHeartbeatAt: null,
      platforms: { ios: false, android: false, macos: false },
    }),
  },
};

export const Unavailable: Story = {
  args: { health: healthIn('unavailable', { lastHeartbeatAt: minutesBefore(75) }) },
};

/** Just connected: Intune has reported nothing yet, and there is no heartbeat. */
export const Unknown: Story = {
  args: {
    health: {
      ...healthIn('unknown', { lastHeartbeatAt: null }),
      lastVerification: { at: minutesBefore(2), verified: true },
    },
  },
};

/** All three platforms onboarded: no reconnect to offer. */
export const AllPlatforms: Story = {
  name: 'All platforms onboarded',
  args: { health: healthIn('enabled', { platforms: { ios: true, android: true, macos: true } }) },
};

/** The server could not read the partner record: the app lacks the Graph permission. */
export const NoPartnerRecord: Story = {
  name: 'No partner record (forbidden)',
  args: {
    health: {
      ...healthIn('enabled'),
      partner: null,
      partnerProblem: 'forbidden',
      lastVerification: {
        at: minutesBefore(30),
        verified: false,
        error: 'permissions-missing',
      },
    },
  },
};

/** The backend does not report health (the browser-storage adapter, for one). */
export const Unsupported: Story = {
  args: { status: 'unsupported', health: undefined },
};

export const Loading: Story = {
  args: { status: 'loading', health: undefined },
};

/** Health could not be loaded: the error's sentence and Retry. */
export const Failed: Story = {
  args: { status: 'failed', health: undefined, error: { code: 'malformed-response' } },
  play: async (context) => {
    const { canvasElement, args } = context;
    const panel = withinShadow(canvasElement.querySelector('azure-connection-health'));
    await userEvent.click(panel.getByRole('button', { name: stringsOf(context).retry }));
    await waitFor(() => expect(args.onKitRetry).toHaveBeenCalledOnce());
  },
};

/** A Check now is running: the button keeps focus but waits, and progress is announced. */
export const Checking: Story = {
  args: { checking: true },
};

/** The last Check now failed: Microsoft asked to wait. */
export const CheckFailed: Story = {
  name: 'Check failed',
  args: {
    checkResult: {
      at: NOW.toISOString(),
      verified: false,
      error: { code: 'throttled', retryAfterSeconds: 30 },
    },
  },
};

export const French: Story = {
  args: { health: healthIn('unresponsive', { lastHeartbeatAt: minutesBefore(190) }) },
  globals: { lang: 'fr' },
};

export const Dark: Story = {
  args: { health: healthIn('unresponsive', { lastHeartbeatAt: minutesBefore(190) }) },
  globals: { theme: 'dark' },
};
