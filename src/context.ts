import { createContext } from '@lit/context';
import type { WizardEvent, WizardState } from './core/machine.js';

/**
 * What `<azure-device-compliance>` shares with the elements inside it: the wizard state, the
 * consent link built for it, and the way to send the machine an event.
 */
export interface WizardContextValue {
  readonly state: WizardState;
  /** Microsoft's admin-consent link for the current attempt, if one could be built. */
  readonly consentUrl: string | undefined;
  /** Sends an event to the shared machine; returns false when the machine refused it. */
  send(event: WizardEvent): boolean;
}

/** A string key, so two copies of the kit on one page still find each other. */
export const wizardContext = createContext<WizardContextValue | undefined>(
  'azure-compliance-connect/wizard',
);
