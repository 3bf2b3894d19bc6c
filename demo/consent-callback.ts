/**
 * The demo's redirect URI: Microsoft (or the local stand-in) sends the admin here after the
 * consent page. `relayConsentCallback()` hands the answer to the console tab (same-origin
 * `BroadcastChannel`), strips it from the address bar and closes this tab when the browser allows
 * it. What stays on screen only reports what came back, as text. The console checks that the
 * answer belongs to its attempt (`state`) and tenant; this page has neither, so it checks nothing
 * more than the answer's shape.
 */
import { relayConsentCallback } from '../src/callback/consent-callback.js';
import { consentErrorCode, extractAadstsCode, isGuid, loadCatalog } from '../src/index.js';
import { savedConsentChannel } from './backend.js';
import { applySavedPrefs, byId, fillText, type Catalog } from './shared.js';

type Key =
  | 'title'
  | 'reading'
  | 'successTitle'
  | 'success'
  | 'successNote'
  | 'errorTitle'
  | 'errorNote'
  | 'incompleteTitle'
  | 'incomplete'
  | 'tenant'
  | 'error'
  | 'description'
  | 'closeTab';

const text: Catalog<Key> = {
  en: {
    title: 'Admin consent',
    reading: 'Reading Microsoft’s answer…',
    successTitle: 'Consent received',
    success:
      'Consent received - this answer was sent to the console. If the console does not go on by itself, tick “{consentGiven}” there, then click Confirm.',
    successNote:
      'The console checks that this answer belongs to its own consent attempt and to the tenant that was entered.',
    errorTitle: 'Consent was not given',
    errorNote:
      'Go back to the console, open the consent link again (or the local stand-in) and click Accept.',
    incompleteTitle: 'No answer from Microsoft',
    incomplete:
      'This page is where Microsoft sends the administrator back after the consent page, and it did not receive a complete answer. Start from the console: Connect account opens the Azure client validation dialog.',
    tenant: 'Tenant',
    error: 'Error',
    description: 'Description',
    closeTab: 'This tab can be closed.',
  },
  fr: {
    title: 'Consentement administrateur',
    reading: 'Lecture de la réponse de Microsoft…',
    successTitle: 'Consentement reçu',
    success:
      'Consentement reçu - cette réponse a été transmise à la console. Si la console ne poursuit pas d’elle-même, cochez « {consentGiven} » dans la console, puis cliquez sur Confirmer.',
    successNote:
      'La console vérifie que cette réponse correspond à sa propre tentative de consentement et au locataire saisi.',
    errorTitle: 'Le consentement n’a pas été donné',
    errorNote:
      'Revenez à la console, ouvrez de nouveau le lien de consentement (ou la page de substitution locale) et cliquez sur Accepter.',
    incompleteTitle: 'Pas de réponse de Microsoft',
    incomplete:
      'Microsoft renvoie l’administrateur sur cette page après la page de consentement, et elle n’a pas reçu de réponse complète. Commencez depuis la console : Connecter le compte ouvre la boîte de dialogue Validation du client Azure.',
    tenant: 'Locataire',
    error: 'Erreur',
    description: 'Description',
    closeTab: 'Vous pouvez fermer cet onglet.',
  },
};

/** Microsoft's texts are shown as text, and cut short so a crafted link cannot flood the page. */
function shorten(value: string, max = 400): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

const lang = applySavedPrefs();
fillText(text, lang);
const t = text[lang];
const kit = await loadCatalog(lang);

const result = byId('result', HTMLElement);
const title = byId('title', HTMLElement);
const message = byId('message', HTMLElement);
const note = byId('note', HTMLElement);

function fact(index: 1 | 2, label: string, value: string): void {
  const term = byId(`fact-${index}-label`, HTMLElement);
  const detail = byId(`fact-${index}`, HTMLElement);
  term.textContent = label;
  detail.textContent = value;
  term.hidden = false;
  detail.hidden = false;
  byId('facts', HTMLElement).hidden = false;
}

// Read the answer, tell the console, then close this tab (only allowed for a tab a script or a
// target="_blank" link opened). The address bar no longer holds the answer afterwards: use `params`.
// The console listens on its own `storage-key`'s channel, which depends on the demo's backend.
const params = relayConsentCallback({ channelName: savedConsentChannel() });
const hasState = params.state !== undefined && params.state !== '';

if (params.error !== undefined && params.error !== '') {
  // `error` wins over `admin_consent=True`: an answer with an error is never a success.
  const aadsts = extractAadstsCode(params.errorDescription);
  const code = consentErrorCode(params.error, aadsts);
  result.classList.add('result-error');
  title.textContent = t.errorTitle;
  message.setAttribute('role', 'alert');
  message.textContent = kit.errors[code];
  fact(1, t.error, shorten(params.error, 100));
  if (params.errorDescription) fact(2, t.description, shorten(params.errorDescription));
  note.textContent = t.errorNote;
} else if (
  hasState &&
  params.adminConsent?.toLowerCase() === 'true' &&
  isGuid(params.tenant?.trim().toLowerCase() ?? '')
) {
  result.classList.add('result-success');
  title.textContent = t.successTitle;
  message.textContent = t.success.replace('{consentGiven}', kit.consentGiven);
  fact(1, t.tenant, params.tenant?.trim().toLowerCase() ?? '');
  note.textContent = t.successNote;
} else {
  result.classList.add('result-error');
  title.textContent = t.incompleteTitle;
  message.textContent = t.incomplete;
}
document.title = `${title.textContent} - ${lang === 'fr' ? 'Console MDM (démo)' : 'MDM console (demo)'}`;
// A tab that closed itself shows nothing more; one that could not says it can be closed.
const closeNote = byId('close-note', HTMLElement);
closeNote.hidden = window.closed;
