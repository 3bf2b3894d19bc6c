import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ComplianceArgs } from './support/compliance.js';
import { statesMeta, wizardStates as states } from './support/wizard-states.js';

/**
 * The stories of **Wizard states/azure-device-compliance**, in French on a dark page: the same
 * backends and the same steps, with the texts of the French catalog.
 */
const meta: Meta<ComplianceArgs> = {
  ...statesMeta,
  title: 'Wizard states/azure-device-compliance (fr, dark)',
  globals: { lang: 'fr', theme: 'dark' },
  // One docs page of the states is enough: the English one.
  tags: ['!autodocs'],
};

export default meta;
type Story = StoryObj<ComplianceArgs>;

export const Loading: Story = { ...states.loading, name: 'Loading' };
export const LoadFailed: Story = { ...states.loadFailed, name: 'Load failed' };
export const Choosing: Story = { ...states.choosing, name: 'Choosing' };
export const FillingWithErrors: Story = {
  ...states.fillingWithErrors,
  name: 'Filling, with errors',
};
export const AwaitingConsent: Story = { ...states.awaitingConsent, name: 'Awaiting consent' };
export const Verifying: Story = { ...states.verifying, name: 'Verifying' };
export const VerificationFailed: Story = {
  ...states.verificationFailed,
  name: 'Verification failed',
};
export const Connected: Story = { ...states.connected, name: 'Connected' };
export const Editing: Story = { ...states.editing, name: 'Editing' };
export const Saving: Story = { ...states.saving, name: 'Saving' };
export const SaveConflict: Story = { ...states.saveConflict, name: 'Save conflict' };
export const Disconnecting: Story = { ...states.disconnecting, name: 'Disconnecting' };
export const DisconnectFailed: Story = {
  ...states.disconnectFailed,
  name: 'Disconnect failed',
};
