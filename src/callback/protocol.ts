import type { ConsentCallbackParams } from '../core/consent.js';

/**
 * How the redirect page tells the console what Microsoft answered: one message on a
 * same-origin `BroadcastChannel`. Browsers deliver it only to pages of the same origin.
 */
export const CONSENT_CHANNEL = 'azure-compliance-connect/consent';

/**
 * The channel a console with this `storage-key` listens on. The default key gives
 * `CONSENT_CHANNEL`; a console with another key needs its redirect page to relay on this name.
 */
export function consentChannelName(storageKey: string): string {
  return `${storageKey}/consent`;
}

export interface ConsentCallbackMessage {
  readonly type: 'consent-callback';
  /** A random id per relayed message, so tabs that all hear it can agree on one audit event. */
  readonly id?: string;
  readonly params: ConsentCallbackParams;
}

/** The five fields of Microsoft's answer, and `ambiguous` (the parameters it had twice or empty). */
const FIELDS = [
  'adminConsent',
  'tenant',
  'state',
  'error',
  'errorDescription',
  'ambiguous',
] as const;

/** The longest value a callback message may carry in one field. */
export const MAX_CALLBACK_VALUE_LENGTH = 4096;

/** True for a well-formed callback message: known fields only, each a short string or absent. */
export function isConsentCallbackMessage(data: unknown): data is ConsentCallbackMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as { type?: unknown; params?: unknown };
  if (message.type !== 'consent-callback') return false;
  const id = (data as { id?: unknown }).id;
  if (id !== undefined && (typeof id !== 'string' || id.length > 128)) return false;
  const params = message.params;
  if (typeof params !== 'object' || params === null) return false;
  return Object.entries(params).every(
    ([key, value]) =>
      (FIELDS as readonly string[]).includes(key) &&
      (value === undefined ||
        (typeof value === 'string' && value.length <= MAX_CALLBACK_VALUE_LENGTH)),
  );
}
