import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/index.js';
import type { TenantType, TenantTypePicker } from '../../src/index.js';
import {
  captureWarnings,
  clickWithMouse,
  expectFocused,
  expectNone,
  expectSameNode,
  find,
  maybe,
  text,
  mountWrapper,
} from './helpers.js';

function radio(el: TenantTypePicker, type: TenantType): HTMLInputElement {
  return find<HTMLInputElement>(el, `#type-${type}`);
}

function checkedType(el: TenantTypePicker): string | undefined {
  return maybe<HTMLInputElement>(el, 'input[type="radio"]:checked')?.value;
}

describe('<tenant-type-picker>', () => {
  it('renders Standard and GCC High radios, each with its hint, and an Add Azure account button', async () => {
    const el = await fixture<TenantTypePicker>(html`<tenant-type-picker></tenant-type-picker>`);
    expect(text(find(el, 'legend'))).to.equal('Tenant type');
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => r.value)).to.deep.equal(['standard', 'gcc-high']);
    expect(text(find(el, 'label[for="type-standard"]'))).to.equal('Standard');
    expect(text(find(el, 'label[for="type-gcc-high"]'))).to.equal('GCC High');
    for (const r of radios) {
      const hint = find(el, `#${r.getAttribute('aria-describedby')!}`);
      expect(text(hint)).to.contain(r.value === 'standard' ? '.com' : '.us');
    }
    expect(el.value).to.equal('standard');
    expect(checkedType(el)).to.equal('standard');
    expect(text(find(el, '[part="add-button"]'))).to.equal('Add Azure account');
  });

  it('checks the radio of the value attribute', async () => {
    const el = await fixture<TenantTypePicker>(
      html`<tenant-type-picker value="gcc-high"></tenant-type-picker>`,
    );
    expect(checkedType(el)).to.equal('gcc-high');
    el.value = 'standard';
    await el.updateComplete;
    expect(checkedType(el)).to.equal('standard');
    // Like a native input, the attribute stays the default value.
    expect(el.getAttribute('value')).to.equal('gcc-high');
  });

  it('is one Tab stop: Tab enters on the checked radio, the next Tab goes to Add', async () => {
    const host = await mountWrapper<HTMLDivElement>(html`
      <div>
        <button id="before">before</button>
        <tenant-type-picker value="gcc-high"></tenant-type-picker>
        <button id="after">after</button>
      </div>
    `);
    const el = host.querySelector('tenant-type-picker')!;
    host.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expectFocused(radio(el, 'gcc-high'));
    await sendKeys({ press: 'Tab' });
    expectFocused(find(el, '[part="add-button"]'));
    await sendKeys({ press: 'Tab' });
    expectFocused(host.querySelector('#after'));
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expectFocused(radio(el, 'gcc-high'));
  });

  it('moves and selects with the arrow keys, firing tenant-type-change and change', async () => {
    const el = await fixture<TenantTypePicker>(html`<tenant-type-picker></tenant-type-picker>`);
    el.focus();
    expectFocused(radio(el, 'standard'));

    const changes: string[] = [];
    const natives: string[] = [];
    el.addEventListener('tenant-type-change', (e) => changes.push(e.detail.tenantType));
    el.addEventListener('change', () => natives.push(el.value));

    let next = oneEvent(el, 'tenant-type-change');
    await sendKeys({ press: 'ArrowDown' });
    expect((await next).detail).to.deep.equal({ tenantType: 'gcc-high' });
    await el.updateComplete;
    expect(el.value).to.equal('gcc-high');
    expect(checkedType(el)).to.equal('gcc-high');
    expectFocused(radio(el, 'gcc-high'));

    next = oneEvent(el, 'tenant-type-change');
    await sendKeys({ press: 'ArrowUp' });
    expect((await next).detail.tenantType).to.equal('standard');
    expect(el.value).to.equal('standard');
    expectFocused(radio(el, 'standard'));

    next = oneEvent(el, 'tenant-type-change');
    await sendKeys({ press: 'ArrowRight' });
    expect((await next).detail.tenantType).to.equal('gcc-high');
    await el.updateComplete;
    expect(el.value).to.equal('gcc-high');

    expect(changes).to.deep.equal(['gcc-high', 'standard', 'gcc-high']);
    expect(natives).to.deep.equal(['gcc-high', 'standard', 'gcc-high']);
  });

  it('selects with a pointer click on the label', async () => {
    const el = await fixture<TenantTypePicker>(html`<tenant-type-picker></tenant-type-picker>`);
    const change = oneEvent(el, 'change');
    await clickWithMouse(find(el, 'label[for="type-gcc-high"]'));
    const event = await change;
    expect(event.bubbles).to.be.true;
    expect(el.value).to.equal('gcc-high');
  });

  it('fires tenant-type-add with the current tenant type when Add is clicked', async () => {
    const el = await fixture<TenantTypePicker>(html`<tenant-type-picker></tenant-type-picker>`);
    radio(el, 'gcc-high').click();
    const add = oneEvent(el, 'tenant-type-add');
    await clickWithMouse(find(el, '[part="add-button"]'));
    expect((await add).detail).to.deep.equal({ tenantType: 'gcc-high' });
  });

  it('hides Add with hide-add', async () => {
    const el = await fixture<TenantTypePicker>(
      html`<tenant-type-picker hide-add></tenant-type-picker>`,
    );
    expectNone(el, '[part="add-button"]');
    expect(maybe(el, 'fieldset')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('disabled: radios and Add are disabled and nothing fires', async () => {
    const el = await fixture<TenantTypePicker>(
      html`<tenant-type-picker disabled></tenant-type-picker>`,
    );
    expect(find<HTMLFieldSetElement>(el, 'fieldset').disabled).to.be.true;
    expect(radio(el, 'gcc-high').matches(':disabled')).to.be.true;
    expect(find<HTMLButtonElement>(el, '[part="add-button"]').disabled).to.be.true;
    let fired = 0;
    el.addEventListener('tenant-type-add', () => fired++);
    el.addEventListener('tenant-type-change', () => fired++);
    await clickWithMouse(find(el, '[part="add-button"]'));
    await clickWithMouse(find(el, 'label[for="type-gcc-high"]'));
    expect(fired).to.equal(0);
    expect(el.value).to.equal('standard');
    await expect(el).to.be.accessible();
  });

  it('submits its value with a form under its name', async () => {
    const form = await mountWrapper<HTMLFormElement>(html`
      <form><tenant-type-picker name="cloud" value="gcc-high" hide-add></tenant-type-picker></form>
    `);
    const el = form.querySelector('tenant-type-picker')!;
    expectSameNode(el.form, form);
    expect(new FormData(form).get('cloud')).to.equal('gcc-high');
    radio(el, 'standard').click();
    await el.updateComplete;
    expect(new FormData(form).get('cloud')).to.equal('standard');
  });

  it('form.reset() restores the initial value attribute', async () => {
    const form = await mountWrapper<HTMLFormElement>(html`
      <form><tenant-type-picker name="cloud" value="gcc-high"></tenant-type-picker></form>
    `);
    const el = form.querySelector('tenant-type-picker')!;
    el.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.value).to.equal('standard');
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal('gcc-high');
    expect(checkedType(el)).to.equal('gcc-high');
    expect(new FormData(form).get('cloud')).to.equal('gcc-high');
  });

  it('form.reset() restores a value attribute set after connection', async () => {
    const form = await mountWrapper<HTMLFormElement>(html`
      <form><tenant-type-picker name="cloud"></tenant-type-picker></form>
    `);
    const el = form.querySelector('tenant-type-picker')!;
    el.setAttribute('value', 'gcc-high');
    await el.updateComplete;
    el.value = 'standard';
    await el.updateComplete;
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal('gcc-high');
    expect(new FormData(form).get('cloud')).to.equal('gcc-high');
  });

  it('is disabled by a disabled <fieldset> around it', async () => {
    const form = await mountWrapper<HTMLFormElement>(html`
      <form>
        <fieldset disabled><tenant-type-picker name="cloud"></tenant-type-picker></fieldset>
      </form>
    `);
    const el = form.querySelector('tenant-type-picker')!;
    await el.updateComplete;
    expect(find<HTMLButtonElement>(el, '[part="add-button"]').disabled).to.be.true;
    expect(find<HTMLFieldSetElement>(el, 'fieldset').disabled).to.be.true;
    form.querySelector('fieldset')!.disabled = false;
    await el.updateComplete;
    expect(find<HTMLButtonElement>(el, '[part="add-button"]').disabled).to.be.false;
  });

  it('warns and falls back to standard for an unknown value', async () => {
    const el = await fixture<TenantTypePicker>(
      html`<tenant-type-picker value="gcc-high"></tenant-type-picker>`,
    );
    const warnings = captureWarnings();
    try {
      el.value = 'dod' as TenantType;
      await el.updateComplete;
    } finally {
      warnings.restore();
    }
    expect(el.value).to.equal('standard');
    expect(checkedType(el)).to.equal('standard');
    expect(warnings.messages.length).to.equal(1);
    expect(warnings.messages[0]).to.contain('"dod"');
  });

  it('is accessible in its default and GCC High states', async () => {
    const el = await fixture<TenantTypePicker>(html`<tenant-type-picker></tenant-type-picker>`);
    await expect(el).to.be.accessible();
    el.value = 'gcc-high';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
