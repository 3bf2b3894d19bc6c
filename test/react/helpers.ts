import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { vi, type Mock } from 'vitest';
import type {
  ConnectionAdapter,
  ConsentVerification,
  SaveConnectionRequest,
  UpdateRequest,
} from '../../src/adapter/adapter.js';
import type { AuditEvent } from '../../src/core/audit.js';
import type { Connection } from '../../src/core/connection.js';
import type { KitEvent, KitEventName } from '../../src/events.js';

declare global {
  // React's switch for `act()` in tests (no warning about updates outside it).
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

/** A React root in a container of the page, rendered and unmounted inside `act()`. */
export interface Mounted {
  readonly container: HTMLElement;
  render(node: ReactNode): Promise<void>;
  unmount(): Promise<void>;
}

const mounted = new Set<Mounted>();

/** Renders `node` with `createRoot` in a new container appended to the page. */
export async function mount(node: ReactNode): Promise<Mounted> {
  const container = document.createElement('div');
  document.body.append(container);
  const root: Root = createRoot(container);
  const handle: Mounted = {
    container,
    async render(next) {
      await act(async () => root.render(next));
    },
    async unmount() {
      mounted.delete(handle);
      await act(async () => root.unmount());
      container.remove();
    },
  };
  mounted.add(handle);
  await handle.render(node);
  return handle;
}

/** Unmounts every root that a test left mounted. */
export async function unmountAll(): Promise<void> {
  for (const handle of [...mounted]) await handle.unmount();
}

/** The one element `selector` finds in the container (or in a shadow root), or a thrown error. */
export function find<E extends Element = HTMLElement>(root: ParentNode, selector: string): E {
  const found = root.querySelector<E>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

/** `find` inside an element's shadow root. */
export function inside<E extends Element = HTMLElement>(host: Element, selector: string): E {
  if (!host.shadowRoot) throw new Error(`<${host.localName}> has no shadow root`);
  return find<E>(host.shadowRoot, selector);
}

/** Clicks an element inside `act()`, so that React sees what the handlers set. */
export async function click(element: HTMLElement): Promise<void> {
  await act(async () => element.click());
}

/** A connected tenant, as a backend would return it. */
export const CONNECTION: Connection = {
  tenantType: 'standard',
  tenantId: '3f2b8c1d-7e6a-4d5c-9b8a-1c2d3e4f5a6b',
  connectedAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  version: 1,
};

/** A backend kept in memory: the connection it holds and the audit events it received. */
export class MemoryAdapter implements ConnectionAdapter {
  readonly audit: AuditEvent[] = [];

  constructor(public connection: Connection | null = null) {}

  async loadConnection(): Promise<Connection | null> {
    return this.connection;
  }

  async verifyConsent(): Promise<ConsentVerification> {
    return { verified: true };
  }

  async saveConnection(input: SaveConnectionRequest): Promise<Connection> {
    const at = new Date().toISOString();
    this.connection = {
      tenantType: input.tenantType,
      tenantId: input.tenantId,
      connectedAt: at,
      updatedAt: at,
      version: 1,
    };
    return this.connection;
  }

  async updateConnection(request: UpdateRequest): Promise<Connection> {
    if (!this.connection) throw new Error('not connected');
    this.connection = {
      ...this.connection,
      tenantType: request.tenantType,
      tenantId: request.tenantId,
      updatedAt: new Date().toISOString(),
      version: this.connection.version + 1,
    };
    return this.connection;
  }

  async removeConnection(): Promise<void> {
    this.connection = null;
  }

  async appendAuditEvent(event: AuditEvent): Promise<void> {
    if (!this.audit.some((known) => known.id === event.id)) this.audit.push(event);
  }

  async listAuditEvents(): Promise<AuditEvent[]> {
    return [...this.audit].reverse();
  }
}

let keys = 0;

/** A storage key of its own for each composite, so no two share a session or an audit outbox. */
export function storageKey(): string {
  keys += 1;
  return `react-test-${Date.now()}-${keys}`;
}

/** A spy for the handler of a kit event, typed with that event. */
export function handler<K extends KitEventName>(_type: K): Mock<(event: KitEvent<K>) => void> {
  return vi.fn<(event: KitEvent<K>) => void>();
}

/** The `detail` of each event a handler spy received, in order. */
export function detailsOf<D>(spy: Mock<(event: CustomEvent<D>) => void>): D[] {
  return spy.mock.calls.map(([event]) => event.detail);
}
