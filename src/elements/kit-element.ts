import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { wizardContext, type WizardContextValue } from '../context.js';
import { isTenantType } from '../core/cloud.js';
import type { KitError } from '../core/errors.js';
import { emit, type KitEventDetails, type KitEventName } from '../events.js';
import { format, type StringOverrides, type Strings } from '../i18n/index.js';
import { LangController } from '../i18n/lang-controller.js';

function listFormat(locale: string): Intl.ListFormat {
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' });
  } catch {
    // `lang` is not a valid language tag (e.g. "en_US"): English, like the catalog.
    return new Intl.ListFormat('en', { type: 'conjunction' });
  }
}

/**
 * What every element of the kit shares: the language (nearest `lang`, plus `strings`
 * overrides), the optional shared wizard from `<azure-device-compliance>`, and typed events.
 *
 * @attr {'light' | 'dark'} theme - `light` or `dark` forces that colour scheme on the element; without it the
 *   element follows the inherited `color-scheme` (the console's light or dark mode).
 * @cssprop --acc-font-family - Font of the kit (default: inherited from the console).
 * @cssprop --acc-color-text - Text colour.
 * @cssprop --acc-color-muted - Secondary text (help, hints), disabled buttons.
 * @cssprop --acc-color-surface - Background of fields, panels and dialogs.
 * @cssprop --acc-color-raised - Background of highlighted notes.
 * @cssprop --acc-color-border - Borders of fields, panels and buttons.
 * @cssprop --acc-color-accent - Primary buttons, links and checked controls.
 * @cssprop --acc-color-on-accent - Text on the accent colour.
 * @cssprop --acc-color-danger - Error text and borders, the outlined Disconnect button.
 * @cssprop --acc-color-danger-strong - The filled destructive button of a confirmation.
 * @cssprop --acc-color-on-danger - Text on the strong danger colour (default: white).
 * @cssprop --acc-color-danger-surface - Background of error boxes.
 * @cssprop --acc-color-success - The connected status.
 * @cssprop --acc-color-focus - The focus ring.
 * @cssprop --acc-radius - Corner radius.
 * @cssprop --acc-space - Base spacing.
 * @cssprop --acc-shadow-dialog - Shadow of every dialog.
 * @cssprop --acc-dialog-backdrop - Backdrop of every dialog.
 */
export abstract class KitElement extends LitElement {
  /** Partial overrides of the built-in English or French strings. */
  @property({ attribute: false }) strings?: StringOverrides;

  /** The wizard shared by an enclosing `<azure-device-compliance>`, if any. */
  @consume({ context: wizardContext, subscribe: true })
  @state()
  protected wizard?: WizardContextValue;

  readonly #lang = new LangController(this, () => this.strings);

  protected get t(): Strings {
    return this.#lang.strings;
  }

  /** The language in use (`lang` of the nearest ancestor that has one). */
  protected get locale(): string {
    return this.#lang.lang || 'en';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#reportPropertyAttributes();
  }

  /**
   * Waits for the catalog of the element's language when it is still loading (French is loaded
   * on demand), so the first render is already in that language: no flash of English.
   */
  protected override scheduleUpdate(): Promise<unknown> | undefined {
    const pending = this.#lang.pending;
    if (pending) return pending.then(() => super.scheduleUpdate());
    // Lit's own update is synchronous (`performUpdate`): nothing to wait for.
    super.scheduleUpdate();
    return undefined;
  }

  /**
   * The properties that only a property can set (objects: `adapter`, `strings`, `connection`...)
   * but that the page gave as attributes: a framework that set them before the element was
   * registered (React, on a code-split import) writes `adapter="[object Object]"`. Each is
   * reported once, naming the fix; the attribute is never read.
   */
  protected get propertyAttributes(): string[] {
    const ctor = this.constructor as typeof LitElement;
    const names: string[] = [];
    for (const [name, options] of ctor.elementProperties) {
      if (typeof name !== 'string' || options.attribute !== false || options.state) continue;
      if (this.hasAttribute(name.toLowerCase())) names.push(name);
    }
    return names;
  }

  #reportPropertyAttributes(): void {
    for (const name of this.propertyAttributes) {
      const value = this.getAttribute(name.toLowerCase()) ?? '';
      console.error(
        `<${this.localName}>: "${name}" was given as an attribute (${JSON.stringify(value.slice(0, 40))}), which cannot carry an object, and is ignored. Set the property instead: element.${name} = …. With React, register the elements (import the define entry) before the first render.`,
      );
    }
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('wizard') && this.wizard) this.syncFromWizard(this.wizard);
    // Elements that show a tenant type never render an unknown one (`tenant-type="foo"`).
    const self = this as { tenantType?: unknown };
    if (changed.has('tenantType') && 'tenantType' in self && !isTenantType(self.tenantType)) {
      console.warn(
        `${this.localName}: unknown tenant-type "${String(self.tenantType)}", using "standard".`,
      );
      self.tenantType = 'standard';
    }
  }

  /** Copies what this element shows from the shared wizard state into its own properties. */
  protected abstract syncFromWizard(wizard: WizardContextValue): void;

  /** Actions already taken in the current task (see `firstInTask`). */
  readonly #takenInTask = new Set<string>();

  /**
   * True the first time `action` is taken in the current task, false after: several clicks in
   * one task (a script, an assistive tool, a double dispatch) make one request, since the busy
   * state that disables the control only renders after the task.
   */
  protected firstInTask(action: string): boolean {
    if (this.#takenInTask.has(action)) return false;
    if (this.#takenInTask.size === 0) queueMicrotask(() => this.#takenInTask.clear());
    this.#takenInTask.add(action);
    return true;
  }

  protected emit<K extends KitEventName>(type: K, detail: KitEventDetails[K]): boolean {
    return emit(this, type, detail);
  }

  /**
   * The sentence for an error, with the permissions it names and the wait Microsoft asked for.
   * A `permissions-missing` without its list (an `attention` mark, a past check) gets a sentence
   * that does not name them.
   */
  protected errorText(error: KitError): string {
    const permissions = error.permissions ?? [];
    const template =
      error.code === 'permissions-missing' && permissions.length === 0
        ? this.t.permissionsMissingUnnamed
        : Object.hasOwn(this.t.errors, error.code)
          ? this.t.errors[error.code]
          : this.t.errors.adapter;
    const text = format(template, { permissions: listFormat(this.locale).format(permissions) });
    const wait = error.retryAfterSeconds;
    return wait !== undefined && wait > 0
      ? `${text} ${format(this.t.retryAfter, { seconds: String(wait) })}`
      : text;
  }
}
