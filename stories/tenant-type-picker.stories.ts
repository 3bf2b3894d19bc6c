import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import type { TenantType } from '../src/core/cloud.js';
import { stringsOf, themeAttribute, withinShadow, type ElementTheme } from './support/fixtures.js';

// Controls and event logging come from custom-elements.json (see .storybook/preview.ts): the
// tenant type is a radio of its real values, and every event reaches the `on…` arg of its name.
interface PickerArgs {
  value: TenantType;
  name: string;
  disabled: boolean;
  hideAdd: boolean;
  theme: ElementTheme;
  onChange: (event: Event) => void;
  onTenantTypeChange: (event: Event) => void;
  onTenantTypeAdd: (event: Event) => void;
}

const meta: Meta<PickerArgs> = {
  title: 'Elements/tenant-type-picker',
  component: 'tenant-type-picker',
  args: {
    value: 'standard',
    name: 'tenantType',
    disabled: false,
    hideAdd: false,
    theme: 'inherit',
    onChange: fn(),
    onTenantTypeChange: fn(),
    onTenantTypeAdd: fn(),
  },
  render: (args) => html`
    <tenant-type-picker
      value=${args.value}
      name=${args.name}
      ?disabled=${args.disabled}
      ?hide-add=${args.hideAdd}
      theme=${themeAttribute(args.theme)}
    ></tenant-type-picker>
  `,
};

export default meta;
type Story = StoryObj<PickerArgs>;

export const Standard: Story = {
  play: async (context) => {
    const { canvasElement, args } = context;
    const t = stringsOf(context);
    const picker = withinShadow(canvasElement.querySelector('tenant-type-picker'));
    await expect(picker.getByRole('radio', { name: t.standard })).toBeChecked();
    await userEvent.click(picker.getByRole('button', { name: t.addAzureAccount }));
    await waitFor(() => expect(args.onTenantTypeAdd).toHaveBeenCalledOnce());
  },
};

/** Choosing GCC High fires `tenant-type-change` and a native `change`, as a form field does. */
export const GccHigh: Story = {
  name: 'GCC High',
  play: async (context) => {
    const { canvasElement, args } = context;
    const t = stringsOf(context);
    const picker = withinShadow(canvasElement.querySelector('tenant-type-picker'));
    await userEvent.click(picker.getByRole('radio', { name: t.gccHigh }));
    await expect(picker.getByRole('radio', { name: t.gccHigh })).toBeChecked();
    await waitFor(() => expect(args.onTenantTypeChange).toHaveBeenCalledOnce());
    await expect(args.onChange).toHaveBeenCalledOnce();
  },
};

export const Disabled: Story = {
  args: { disabled: true },
};

/** Without the Add button, as a plain form field. */
export const HideAdd: Story = {
  args: { hideAdd: true },
};

export const French: Story = {
  globals: { lang: 'fr' },
};

export const Dark: Story = {
  args: { value: 'gcc-high' },
  globals: { theme: 'dark' },
};
