import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import type { TenantType } from '../src/core/cloud.js';
import { withinShadow } from './support/fixtures.js';

interface PickerArgs {
  value: TenantType;
  name: string;
  disabled: boolean;
  hideAdd: boolean;
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
    onTenantTypeChange: fn(),
    onTenantTypeAdd: fn(),
  },
  argTypes: {
    value: { control: 'inline-radio', options: ['standard', 'gcc-high'] },
  },
  render: (args) => html`
    <tenant-type-picker
      value=${args.value}
      name=${args.name}
      ?disabled=${args.disabled}
      ?hide-add=${args.hideAdd}
      @tenant-type-change=${args.onTenantTypeChange}
      @tenant-type-add=${args.onTenantTypeAdd}
    ></tenant-type-picker>
  `,
};

export default meta;
type Story = StoryObj<PickerArgs>;

export const Standard: Story = {
  play: async ({ canvasElement, args }) => {
    const picker = withinShadow(canvasElement.querySelector('tenant-type-picker'));
    await expect(picker.getByRole('radio', { name: 'Standard' })).toBeChecked();
    await userEvent.click(picker.getByRole('button', { name: 'Add Azure account' }));
    await waitFor(() => expect(args.onTenantTypeAdd).toHaveBeenCalledOnce());
  },
};

export const GccHigh: Story = {
  name: 'GCC High',
  args: { value: 'gcc-high' },
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
