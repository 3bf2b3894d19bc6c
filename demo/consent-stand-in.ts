/**
 * The local stand-in for Microsoft's admin-consent page. It reads the attempt (tenant, tenant
 * type, state) from its query string, checks every part, shows a mock permission list, and on
 * Accept or Cancel goes to the demo's callback page with what Microsoft would have sent.
 */
import { CLOUDS } from '../src/core/cloud.js';
import { applySavedPrefs, byId, fillText, type Catalog } from './shared.js';
import {
  acceptedCallbackHref,
  declinedCallbackHref,
  readStandInRequest,
  tenantGuidFor,
  type StandInRead,
} from './stand-in.js';

type Key =
  | 'pageTitle'
  | 'banner'
  | 'title'
  | 'intro'
  | 'tenantLabel'
  | 'cloudLabel'
  | 'appLabel'
  | 'returnedLabel'
  | 'noClientId'
  | 'madeUp'
  | 'permissionsTitle'
  | 'perm1'
  | 'perm2'
  | 'perm3'
  | 'mockNote'
  | 'accept'
  | 'cancel'
  | 'problem-tenant'
  | 'problem-tenant-type'
  | 'problem-state';

const text: Catalog<Key> = {
  en: {
    pageTitle: 'Local stand-in for Microsoft’s consent page - not Microsoft',
    banner:
      'Local stand-in for Microsoft’s consent page - not Microsoft. Nothing here talks to Microsoft; it only imitates what Microsoft’s page sends back to the console.',
    title: 'Permissions requested',
    intro: 'The MDM console app asks for admin consent for your whole organization.',
    tenantLabel: 'Tenant',
    cloudLabel: 'Cloud (sign-in host imitated)',
    appLabel: 'Application (client) ID',
    returnedLabel: 'Tenant GUID sent back',
    noClientId: 'none (the console has no valid client ID)',
    madeUp: '{guid} (made up from the domain: Microsoft would send the real one)',
    permissionsTitle: 'This app would be able to:',
    perm1: 'Read and write device compliance partner data',
    perm2: 'Read the devices and their management state',
    perm3: 'Read basic directory data (users and groups)',
    mockNote:
      'A mock list. The real permissions are the ones the vendor’s app registration requires; Microsoft shows them on its page.',
    accept: 'Accept',
    cancel: 'Cancel',
    'problem-tenant':
      'This page needs a valid tenant from the console. Open it from the console while the Azure client validation dialog is open.',
    'problem-tenant-type':
      'This page needs the tenant type (Standard or GCC High) from the console. Open it from the console while the Azure client validation dialog is open.',
    'problem-state':
      'This page needs the consent attempt’s state from the console. Open it from the console while the Azure client validation dialog is open.',
  },
  fr: {
    pageTitle:
      'Page de substitution locale de la page de consentement de Microsoft - pas Microsoft',
    banner:
      'Page de substitution locale de la page de consentement de Microsoft - ce n’est pas Microsoft. Rien ici ne contacte Microsoft ; elle imite seulement ce que la page de Microsoft renvoie à la console.',
    title: 'Autorisations demandées',
    intro:
      'L’application de la console MDM demande le consentement administrateur pour toute votre organisation.',
    tenantLabel: 'Locataire',
    cloudLabel: 'Cloud (hôte de connexion imité)',
    appLabel: 'ID d’application (client)',
    returnedLabel: 'GUID du locataire renvoyé',
    noClientId: 'aucun (la console n’a pas d’ID client valide)',
    madeUp: '{guid} (inventé à partir du domaine : Microsoft enverrait le vrai)',
    permissionsTitle: 'Cette application pourrait :',
    perm1: 'Lire et écrire les données du partenaire de conformité des appareils',
    perm2: 'Lire les appareils et leur état de gestion',
    perm3: 'Lire les données de base de l’annuaire (utilisateurs et groupes)',
    mockNote:
      'Liste fictive. Les vraies autorisations sont celles que demande l’inscription de l’application de l’éditeur ; Microsoft les affiche sur sa page.',
    accept: 'Accepter',
    cancel: 'Annuler',
    'problem-tenant':
      'Cette page a besoin d’un locataire valide transmis par la console. Ouvrez-la depuis la console pendant que la boîte de dialogue Validation du client Azure est ouverte.',
    'problem-tenant-type':
      'Cette page a besoin du type de locataire (Standard ou GCC High) transmis par la console. Ouvrez-la depuis la console pendant que la boîte de dialogue Validation du client Azure est ouverte.',
    'problem-state':
      'Cette page a besoin du « state » de la tentative de consentement transmis par la console. Ouvrez-la depuis la console pendant que la boîte de dialogue Validation du client Azure est ouverte.',
  },
};

const lang = applySavedPrefs();
fillText(text, lang);
document.title = text[lang].pageTitle;

const read: StandInRead = readStandInRequest(location.search);
const requestPanel = byId('request', HTMLElement);

if (!read.ok) {
  const problem = byId('problem', HTMLElement);
  problem.textContent = text[lang][`problem-${read.problem}`];
  problem.hidden = false;
} else {
  const { request } = read;
  const accept = byId('accept', HTMLButtonElement);
  const cancel = byId('cancel', HTMLButtonElement);
  accept.disabled = true;
  byId('tenant-value', HTMLElement).textContent = request.tenantId;
  const cloud = CLOUDS[request.tenantType];
  byId('cloud-value', HTMLElement).textContent =
    `${request.tenantType === 'gcc-high' ? 'GCC High' : 'Standard'} (${cloud.loginHost})`;
  byId('app-value', HTMLElement).textContent = request.clientId ?? text[lang].noClientId;
  requestPanel.hidden = false;

  const returned = await tenantGuidFor(request.tenantId);
  byId('returned-value', HTMLElement).textContent =
    returned === request.tenantId ? returned : text[lang].madeUp.replace('{guid}', returned);
  accept.disabled = false;

  // Only relative links to the demo's own callback page are built, from checked values.
  accept.addEventListener('click', () => {
    location.assign(acceptedCallbackHref(returned, request.state));
  });
  cancel.addEventListener('click', () => {
    location.assign(declinedCallbackHref(request.state));
  });
}
