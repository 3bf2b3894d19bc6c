import { expect, fixtureSync } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { ReactiveElement, TemplateResult } from 'lit';
import type { ConnectionAdapter, ConsentVerification } from '../../src/adapter/adapter.js';
import type { AuditEvent } from '../../src/core/audit.js';
import type { Connection } from '../../src/core/connection.js';

/**
 * Renders a template whose root is a plain element (a `<div>`, a `<form>`) and waits for every
 * kit element in it. `fixture()` would wait for an animation frame for such a root, and a page
 * that the runner keeps in the background (two files run at once) may never get one.
 */
export async function mountWrapper<T extends Element>(template: TemplateResult): Promise<T> {
  const root = fixtureSync<T>(template);
  const elements = [root, ...root.querySelectorAll('*')].filter(
    (node): node is Element & ReactiveElement => 'updateComplete' in node,
  );
  await Promise.all(elements.map((element) => element.updateComplete));
  return root;
}

/** The element's shadow root (every element of the kit has one). */
export function shadow(element: Element): ShadowRoot {
  const root = element.shadowRoot;
  if (!root) throw new Error(`<${element.localName}> has no shadow root`);
  return root;
}

/** `querySelector` inside the element's shadow root; throws when nothing matches. */
export function find<E extends Element = HTMLElement>(element: Element, selector: string): E {
  const found = shadow(element).querySelector<E>(selector);
  if (!found) throw new Error(`<${element.localName}> has no "${selector}"`);
  return found;
}

/** `querySelector` inside the element's shadow root, or null. */
export function maybe<E extends Element = HTMLElement>(
  element: Element,
  selector: string,
): E | null {
  return shadow(element).querySelector<E>(selector);
}

/** The focused element, looking inside shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * The text of a node with runs of ASCII white space collapsed. The French catalog's narrow
 * no-break spaces (before : ; ? ! and inside « ») are kept, so rendered text compares equal to the
 * catalog; the no-break space that `Intl` puts in "2 heures" reads as a space.
 */
export function text(node: Node | null | undefined): string {
  return spaced(node?.textContent ?? '');
}

/** A sentence as `text()` reads it: runs of ASCII white space collapsed, U+00A0 a space. */
export function spaced(sentence: string): string {
  return sentence
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t\n\r\f]+/g, ' ')
    .trim();
}

/** A real pointer click in the middle of the element (through the browser, not `.click()`). */
export async function clickWithMouse(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center', inline: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
  });
}

/** Replaces `console.warn` until `restore()`; records what was warned. */
export function captureWarnings(): { messages: string[]; restore: () => void } {
  const original = console.warn;
  const messages: string[] = [];
  console.warn = (...args: unknown[]) => {
    messages.push(args.map(String).join(' '));
  };
  return { messages, restore: () => (console.warn = original) };
}

/**
 * An adapter kept in memory, with each call replaceable, for the failure paths of the composite.
 * Behaves like a correct backend unless a test overrides one of its methods.
 */
export class MemoryAdapter implements ConnectionAdapter {
  connection: Connection | null = null;
  readonly audit: AuditEvent[] = [];

  async loadConnection(): Promise<Connection | null> {
    return this.connection;
  }

  async verifyConsent(
    _request?: Parameters<ConnectionAdapter['verifyConsent']>[0],
  ): Promise<ConsentVerification> {
    return { verified: true };
  }

  async saveConnection(
    input: Parameters<ConnectionAdapter['saveConnection']>[0],
  ): Promise<Connection> {
    const at = new Date().toISOString();
    const connection: Connection = {
      tenantType: input.tenantType,
      tenantId: input.tenantId,
      ...(input.enrollmentUrl ? { enrollmentUrl: input.enrollmentUrl } : {}),
      ...(input.remediationUrl ? { remediationUrl: input.remediationUrl } : {}),
      connectedAt: at,
      updatedAt: at,
      version: 1,
      connectedBy: input.actor,
    };
    this.connection = connection;
    return connection;
  }

  async updateConnection(
    request: Parameters<ConnectionAdapter['updateConnection']>[0],
  ): Promise<Connection> {
    const current = this.connection;
    if (!current) throw new Error('not connected');
    const connection: Connection = {
      tenantType: request.tenantType,
      tenantId: request.tenantId,
      ...(request.enrollmentUrl ? { enrollmentUrl: request.enrollmentUrl } : {}),
      ...(request.remediationUrl ? { remediationUrl: request.remediationUrl } : {}),
      connectedAt: current.connectedAt,
      updatedAt: new Date().toISOString(),
      version: current.version + 1,
    };
    this.connection = connection;
    return connection;
  }

  async removeConnection(): Promise<void> {
    this.connection = null;
  }

  async appendAuditEvent(event: AuditEvent): Promise<void> {
    if (!this.audit.some((existing) => existing.id === event.id)) this.audit.push(event);
  }

  async listAuditEvents(): Promise<AuditEvent[]> {
    return [...this.audit].reverse();
  }
}

/**
 * A short path to a node (`host >> inner#id[part=x]`), for assertion messages. Assertions here
 * never hand DOM nodes to chai: a failure that carries a node crashes the test page when the
 * runner serialises it, and the message is lost.
 */
export function describeNode(node: Node | null | undefined): string {
  if (!node) return String(node);
  if (!(node instanceof Element)) return node.nodeName;
  const parts: string[] = [];
  let current: Element | null = node;
  while (current) {
    let label = current.localName;
    if (current.id) label += `#${current.id}`;
    const part = current.getAttribute('part');
    if (part) label += `[part=${part}]`;
    parts.unshift(label);
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return parts.join(' >> ');
}

/** Asserts that `actual` is the very node `expected`. */
export function expectSameNode(
  actual: Node | null | undefined,
  expected: Node | null | undefined,
  message?: string,
): void {
  const seen = actual === expected ? 'the same node' : describeNode(actual);
  expect(seen, message ?? `expected ${describeNode(expected)}`).to.equal('the same node');
}

/** Asserts that `expected` has focus (looking inside shadow roots). */
export function expectFocused(expected: Element | null, message = 'focused element'): void {
  expectSameNode(deepActiveElement(), expected, `${message}: expected ${describeNode(expected)}`);
}

/** Asserts that nothing matches `selector` in the element's shadow root (or in it, without one). */
export function expectNone(parent: Element, selector: string): void {
  const root: ParentNode = parent.shadowRoot ?? parent;
  const found = root.querySelector(selector);
  expect(found?.outerHTML ?? null, `nothing should match ${selector}`).to.equal(null);
}

/**
 * Presses Escape with the test's page in front: with two test files at a time one page is in the
 * background, where Chrome closes a modal dialog on Escape without firing its `close` event.
 */
export async function pressEscape(): Promise<void> {
  await executeServerCommand('bring-to-front');
  await sendKeys({ press: 'Escape' });
}

/**
 * Runs `body` with `forced-colors: active` emulated on this page (Chrome applies its forced
 * palette, as in Windows contrast themes), then turns the emulation off again.
 */
export async function withForcedColors(body: () => Promise<void> | void): Promise<void> {
  await executeServerCommand('emulate-media-features', [
    { name: 'forced-colors', value: 'active' },
  ]);
  try {
    // Computed styles read after this see the emulation: a style read recalculates at once, so
    // no animation frame is needed (a page in the background may never get one).
    await new Promise((resolve) => setTimeout(resolve, 0));
    await body();
  } finally {
    await executeServerCommand('emulate-media-features', [
      { name: 'forced-colors', value: 'none' },
    ]);
  }
}

/**
 * Walks the focus with Tab (and Shift+Tab) from the current element, `steps` times, and returns
 * every element that had the focus (looking into shadow roots). Used to check that focus never
 * falls to `<body>`.
 */
export async function focusWalk(steps: number, shift = false): Promise<(Element | null)[]> {
  const seen: (Element | null)[] = [];
  // Keys go to the focused tab: with two test files at a time this page may be behind.
  await executeServerCommand('bring-to-front');
  // The runner presses one key at a time: Shift is held down around the Tabs.
  if (shift) await sendKeys({ down: 'Shift' });
  try {
    for (let i = 0; i < steps; i++) {
      await sendKeys({ press: 'Tab' });
      seen.push(deepActiveElement());
    }
  } finally {
    if (shift) await sendKeys({ up: 'Shift' });
  }
  return seen;
}

/**
 * Ends the opening animations of an element and everything in it (a dialog's fade and its
 * backdrop), so that colour contrast is measured on the final colours, not mid-fade.
 */
export function finishAnimations(element: Element): void {
  for (const animation of element.getAnimations({ subtree: true })) {
    if (animation.effect?.getComputedTiming().endTime !== Infinity) animation.finish();
  }
}

/** A `navigator.clipboard.writeText` that refuses, as a browser without the permission does. */
export async function refusedClipboardWrite(): Promise<void> {
  throw new DOMException('Write permission denied.', 'NotAllowedError');
}

/**
 * Replaces `navigator.clipboard.writeText` with `writeText` and returns what puts the browser's
 * own back (or removes the stand-in where the browser had none).
 */
export function stubClipboardWrite(writeText: (data: string) => Promise<void>): () => void {
  const original = Object.getOwnPropertyDescriptor(navigator.clipboard, 'writeText');
  Object.defineProperty(navigator.clipboard, 'writeText', { configurable: true, value: writeText });
  return () => {
    if (original) Object.defineProperty(navigator.clipboard, 'writeText', original);
    else delete (navigator.clipboard as { writeText?: unknown }).writeText;
  };
}
