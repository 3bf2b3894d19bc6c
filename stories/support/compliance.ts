import type { StoryContext } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, fn, waitFor } from 'storybook/test';
import type { WizardStatus } from '../../src/core/machine.js';
import type { AzureDeviceCompliance } from '../../src/elements/azure-device-compliance/azure-device-compliance.js';
import {
  ACTOR,
  CLIENT_ID,
  REDIRECT_URI,
  finishAnimations,
  shadowOf,
  themeAttribute,
  type ElementTheme,
} from './fixtures.js';
import { MemoryAdapter, type MemoryAdapterOptions } from './memory-adapter.js';

/** The composite's args: its attributes, and one handler per event it dispatches. */
export interface ComplianceArgs {
  clientId: string;
  redirectUri: string;
  actor: string;
  timeoutMs: number;
  theme: ElementTheme;
  onConnectionChange: (event: Event) => void;
  onWizardStateChange: (event: Event) => void;
  onAuditEvent: (event: Event) => void;
  onAuditSetAside: (event: Event) => void;
  onDisconnectRequest: (event: Event) => void;
  onHealthCheck: (event: Event) => void;
}

/**
 * Defaults for every arg. The handlers are logged in the Actions panel: the preview sends each
 * event of the manifest to the arg of its name (`connection-change` -> `onConnectionChange`).
 */
export function complianceArgs(): ComplianceArgs {
  return {
    clientId: CLIENT_ID,
    redirectUri: REDIRECT_URI,
    actor: ACTOR,
    timeoutMs: 15_000,
    theme: 'inherit',
    onConnectionChange: fn(),
    onWizardStateChange: fn(),
    onAuditEvent: fn(),
    onAuditSetAside: fn(),
    onDisconnectRequest: fn(),
    onHealthCheck: fn(),
  };
}

/**
 * Forgets what a composite with this `storage-key` kept in the browser: the draft kept for a
 * reload (sessionStorage) and the consent-attempt ledger (localStorage). Without this, a story
 * shown a second time in the same tab would resume where the first showing stopped.
 */
function forgetSession(storageKey: string): void {
  try {
    sessionStorage.removeItem(`${storageKey}:session`);
    localStorage.removeItem(`${storageKey}:consent-attempts`);
  } catch {
    // Storage unavailable: nothing was kept either.
  }
}

interface Backend {
  readonly adapter: MemoryAdapter;
  readonly storageKey: string;
}

/**
 * A loader that gives the story a fresh in-memory backend and a storage key of its own (cleared
 * first), so no story sees another's data, draft or tab messages (the docs page shows several
 * stories at once, each in its own frame).
 */
export function withAdapter(options: MemoryAdapterOptions = {}) {
  /**
   * The backend of each showing of the story. Storybook runs the loaders again when it only
   * draws the story again (a control or a toolbar changed), with the same abort signal: that
   * drawing keeps its backend, so the element keeps its state. A new showing has a new signal.
   */
  const backends = new WeakMap<AbortSignal, Backend>();
  return [
    async ({ id, abortSignal }: { readonly id: string; readonly abortSignal: AbortSignal }) => {
      const kept = backends.get(abortSignal);
      if (kept) return kept;
      const storageKey = `storybook-${id}`;
      forgetSession(storageKey);
      const backend: Backend = { adapter: new MemoryAdapter(options), storageKey };
      backends.set(abortSignal, backend);
      return backend;
    },
  ];
}

/** The story's backend, from its loader. */
export function adapterOf(loaded: Record<string, unknown>): MemoryAdapter | undefined {
  const adapter = loaded['adapter'];
  return adapter instanceof MemoryAdapter ? adapter : undefined;
}

export function renderCompliance(args: ComplianceArgs, { loaded }: StoryContext<ComplianceArgs>) {
  const storageKey = loaded['storageKey'];
  return html`
    <azure-device-compliance
      .adapter=${adapterOf(loaded)}
      client-id=${args.clientId}
      redirect-uri=${args.redirectUri}
      actor=${args.actor}
      timeout-ms=${args.timeoutMs}
      storage-key=${typeof storageKey === 'string' ? storageKey : 'storybook'}
      theme=${themeAttribute(args.theme)}
    ></azure-device-compliance>
  `;
}

/** The composite, once its first load is over (the "Loading…" status is gone). */
export async function loadedHost(canvasElement: HTMLElement): Promise<AzureDeviceCompliance> {
  const host = canvasElement.querySelector('azure-device-compliance');
  await waitFor(() => expect(host?.state.status).not.toBe('loading'));
  await waitFor(() => expect(shadowOf(host).querySelector('[part="loading"]')).toBeNull());
  if (!host) throw new Error('azure-device-compliance is not rendered.');
  return host;
}

/** The element `tag` inside the composite, once it is rendered. */
export async function part(host: Element, tag: string, timeout = 2000): Promise<Element> {
  return waitFor(
    () => {
      const element = shadowOf(host).querySelector(tag);
      if (!element) throw new Error(`<${tag}> is not rendered yet.`);
      return element;
    },
    { timeout },
  );
}

/** Waits until the wizard is in `status`, then ends the dialogs' opening fades. */
export async function reached(host: AzureDeviceCompliance, status: WizardStatus): Promise<void> {
  await waitFor(() => expect(host.state.status).toBe(status));
  await host.updateComplete;
  finishAnimations(host);
}
