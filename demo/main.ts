/**
 * The demo console: one `<azure-device-compliance>` on the embedded default adapter (browser
 * storage), the audit log read back through the same adapter, a language and a theme switch,
 * and, inside the consent dialog (the composite's `consent-extra` slot), a link to the local
 * consent stand-in for trying the flow without Microsoft.
 */
import '../src/define/index.js';
import { html, nothing, render, type TemplateResult } from 'lit';
import {
  catalogFor,
  type AuditEvent,
  type AzureDeviceCompliance,
  type WizardState,
} from '../src/define/index.js';
import {
  applyLang,
  applySavedPrefs,
  applyTheme,
  byId,
  fillText,
  followOtherTabs,
  isDemoLang,
  isDemoTheme,
  savedTheme,
  type Catalog,
  type DemoLang,
} from './shared.js';
import { CALLBACK_PAGE, standInHref } from './stand-in.js';

type Key =
  | 'skip'
  | 'brand'
  | 'demoBadge'
  | 'breadcrumb'
  | 'admin'
  | 'language'
  | 'theme'
  | 'light'
  | 'dark'
  | 'adminNav'
  | 'navUsers'
  | 'navDevices'
  | 'navPolicies'
  | 'navSettings'
  | 'deviceCompliance'
  | 'deviceComplianceTitle'
  | 'clientIdNote1'
  | 'clientIdNote2'
  | 'standInTitle'
  | 'standInIntro'
  | 'standInWhere'
  | 'extraLabel'
  | 'extraLink'
  | 'extraHelp'
  | 'reset'
  | 'resetConfirm'
  | 'refresh'
  | 'auditCaption'
  | 'colWhen'
  | 'colWho'
  | 'colAction'
  | 'colTenant'
  | 'colCloud'
  | 'colOutcome'
  | 'colDetail'
  | 'auditEmpty'
  | 'auditLoading'
  | 'auditCount'
  | 'auditFailed'
  | 'action-connect'
  | 'action-edit'
  | 'action-disconnect'
  | 'action-consent-rejected'
  | 'action-verify-consent'
  | 'success'
  | 'failure'
  | 'changed'
  | 'error';

const text: Catalog<Key> = {
  en: {
    skip: 'Skip to content',
    brand: 'MDM console',
    demoBadge: 'demo',
    breadcrumb: 'Breadcrumb',
    admin: 'Admin',
    language: 'Language',
    theme: 'Theme',
    light: 'Light',
    dark: 'Dark',
    adminNav: 'Admin',
    navUsers: 'Users and groups',
    navDevices: 'Devices',
    navPolicies: 'Policies',
    navSettings: 'Settings',
    deviceCompliance: 'Device compliance',
    deviceComplianceTitle: 'Device Compliance',
    clientIdNote1: 'Placeholder application (client) ID',
    clientIdNote2:
      ': not a real app, so Microsoft’s consent page would not find it. A console replaces it with the app ID its MDM vendor registered in each Microsoft cloud (Standard, GCC High).',
    standInTitle: 'Try the flow offline',
    standInIntro:
      'The consent link in the dialog goes to Microsoft. To try the flow without a registered app, use the local stand-in: it imitates Microsoft’s page, then returns to this console’s callback page.',
    standInWhere:
      'After Connect account, the link to the stand-in appears inside the Azure client validation dialog, below the steps. Accept there: the callback page relays the answer to this console, which connects on its own. If it does not, come back, tick “I have given my consent” and click Confirm.',
    extraLabel: 'Offline demo:',
    extraLink: 'open the local stand-in for Microsoft’s consent page (not Microsoft)',
    extraHelp:
      'It imitates Microsoft’s page for tenant {tenant}, then returns to this demo’s callback page, which relays the answer here. If nothing happens, tick “{consentGiven}” and click {confirm}.',
    reset: 'Reset demo data',
    resetConfirm:
      'Remove the demo connection and audit log from this browser? The page reloads afterwards.',
    refresh: 'Refresh',
    auditCaption: 'Audit log',
    colWhen: 'When (UTC)',
    colWho: 'Who',
    colAction: 'Action',
    colTenant: 'Tenant',
    colCloud: 'Cloud',
    colOutcome: 'Outcome',
    colDetail: 'Detail',
    auditEmpty: 'No activity yet. Every add, edit and disconnect is recorded here.',
    auditLoading: 'Loading the audit log…',
    auditCount: '{count} event(s), newest first.',
    auditFailed: 'The audit log could not be read: {reason}',
    'action-connect': 'Connect account',
    'action-edit': 'Edit account',
    'action-disconnect': 'Disconnect account',
    'action-consent-rejected': 'Consent rejected',
    'action-verify-consent': 'Verify consent',
    success: 'Success',
    failure: 'Failure',
    changed: 'Changed: {fields}',
    error: 'Error: {code}',
  },
  fr: {
    skip: 'Aller au contenu',
    brand: 'Console MDM',
    demoBadge: 'démo',
    breadcrumb: 'Fil d’Ariane',
    admin: 'Admin',
    language: 'Langue',
    theme: 'Thème',
    light: 'Clair',
    dark: 'Sombre',
    adminNav: 'Admin',
    navUsers: 'Utilisateurs et groupes',
    navDevices: 'Périphériques',
    navPolicies: 'Stratégies',
    navSettings: 'Paramètres',
    deviceCompliance: 'Conformité du périphérique',
    deviceComplianceTitle: 'Conformité du périphérique',
    clientIdNote1: 'ID d’application (client) fictif',
    clientIdNote2:
      ' : ce n’est pas une vraie application, la page de consentement de Microsoft ne la trouverait pas. Une console le remplace par l’ID de l’application que son éditeur MDM a inscrite dans chaque cloud Microsoft (Standard, GCC High).',
    standInTitle: 'Essayer le flux hors ligne',
    standInIntro:
      'Le lien de consentement de la boîte de dialogue mène chez Microsoft. Pour essayer le flux sans application inscrite, utilisez la page de substitution locale : elle imite la page de Microsoft, puis revient à la page de retour de cette console.',
    standInWhere:
      'Après Connecter le compte, le lien vers la page de substitution apparaît dans la boîte de dialogue Validation du client Azure, sous les étapes. Acceptez-y : la page de retour transmet la réponse à cette console, qui se connecte d’elle-même. Sinon, revenez, cochez « J’ai donné mon consentement » et cliquez sur Confirmer.',
    extraLabel: 'Démo hors ligne :',
    extraLink:
      'ouvrir la page de substitution locale de la page de consentement de Microsoft (pas Microsoft)',
    extraHelp:
      'Elle imite la page de Microsoft pour le locataire {tenant}, puis revient à la page de retour de cette démo, qui transmet la réponse ici. Sinon, cochez « {consentGiven} » et cliquez sur {confirm}.',
    reset: 'Réinitialiser la démo',
    resetConfirm:
      'Supprimer de ce navigateur la connexion et le journal d’audit de la démo ? La page se recharge ensuite.',
    refresh: 'Actualiser',
    auditCaption: 'Journal d’audit',
    colWhen: 'Date (UTC)',
    colWho: 'Qui',
    colAction: 'Action',
    colTenant: 'Locataire',
    colCloud: 'Cloud',
    colOutcome: 'Résultat',
    colDetail: 'Détail',
    auditEmpty:
      'Aucune activité pour l’instant. Chaque ajout, modification et déconnexion est enregistré ici.',
    auditLoading: 'Chargement du journal d’audit…',
    auditCount: '{count} événement(s), du plus récent au plus ancien.',
    auditFailed: 'Le journal d’audit n’a pas pu être lu : {reason}',
    'action-connect': 'Connecter le compte',
    'action-edit': 'Modifier le compte',
    'action-disconnect': 'Déconnecter le compte',
    'action-consent-rejected': 'Consentement refusé',
    'action-verify-consent': 'Vérification du consentement',
    success: 'Réussite',
    failure: 'Échec',
    changed: 'Modifié : {fields}',
    error: 'Erreur : {code}',
  },
};

/** Fills `{name}` placeholders with plain text. */
function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}

let lang: DemoLang = applySavedPrefs();
const t = (key: Key): string => text[lang][key];

const found = document.querySelector('azure-device-compliance');
if (!found) throw new Error('Demo page: <azure-device-compliance> is missing.');
const compliance: AzureDeviceCompliance = found;
// Microsoft sends the admin back to this demo's callback page. The redirect URI must be absolute
// and match one registered on the app exactly, so it is computed from the page's own address.
compliance.setAttribute('redirect-uri', new URL(CALLBACK_PAGE, location.href).href);

const langSelect = byId('lang-select', HTMLSelectElement);
const themeSelect = byId('theme-select', HTMLSelectElement);
const resetButton = byId('reset-demo', HTMLButtonElement);
const auditBody = byId('audit-body', HTMLTableSectionElement);
const auditStatus = byId('audit-status', HTMLElement);
const auditRefresh = byId('audit-refresh', HTMLButtonElement);
byId('client-id-value', HTMLElement).textContent = compliance.clientId;

// --- Language and theme --------------------------------------------------------------------

function showLanguage(): void {
  fillText(text, lang);
  document.title = `${t('deviceComplianceTitle')} - Microsoft Azure - ${t('brand')} (${t('demoBadge')})`;
  langSelect.value = lang;
  renderStandIn(compliance.state);
  renderAudit();
}

langSelect.addEventListener('change', () => {
  if (!isDemoLang(langSelect.value)) return;
  lang = langSelect.value;
  // The kit's elements follow the nearest `lang`: setting it on the root is all they need.
  applyLang(lang, true);
  showLanguage();
});

themeSelect.value = savedTheme();
themeSelect.addEventListener('change', () => {
  if (isDemoTheme(themeSelect.value)) applyTheme(themeSelect.value, true);
});

followOtherTabs((next) => {
  lang = next;
  showLanguage();
});

// --- Local consent stand-in ----------------------------------------------------------------

/*
 * The consent dialog is modal: while it is open, nothing else on this page can be reached. So the
 * link to the stand-in goes inside the dialog, through the composite's `consent-extra` slot: a
 * child of `<azure-device-compliance>` with slot="consent-extra", shown only with the dialog.
 */
const consentExtra = document.createElement('div');
consentExtra.slot = 'consent-extra';
consentExtra.className = 'consent-extra';
consentExtra.hidden = true;
compliance.append(consentExtra);

/** The stand-in link for the current consent attempt, while the consent dialog is open. */
function standInFor(state: WizardState): { href: string; tenant: string } | undefined {
  if (state.status !== 'awaiting-consent' && state.status !== 'verifying') return undefined;
  const { input, state: consentState } = state.attempt;
  // A relative link to consent-stand-in.html built from checked values, or undefined.
  const href = standInHref(input.tenantId, input.tenantType, consentState, compliance.clientId);
  return href === undefined ? undefined : { href, tenant: input.tenantId };
}

function renderStandIn(state: WizardState): void {
  const target = standInFor(state);
  const kit = catalogFor(lang);
  consentExtra.hidden = target === undefined;
  render(
    target === undefined
      ? nothing
      : html`<p>
            <strong>${t('extraLabel')}</strong>
            <a id="stand-in-link" href=${target.href} target="_blank" rel="noopener"
              >${t('extraLink')} <span class="visually-hidden">${kit.newTab}</span></a
            >
          </p>
          <p class="help">
            ${fill(t('extraHelp'), {
              tenant: target.tenant,
              consentGiven: kit.consentGiven,
              confirm: kit.confirm,
            })}
          </p>`,
    consentExtra,
  );
}

compliance.addEventListener('wizard-state-change', (event) => renderStandIn(event.detail.state));

resetButton.addEventListener('click', () => {
  if (!confirm(t('resetConfirm'))) return;
  for (const key of ['connection', 'audit']) {
    localStorage.removeItem(`azure-compliance-connect:${key}`);
  }
  location.reload();
});

// --- Audit log -----------------------------------------------------------------------------

type AuditView =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'ready'; readonly events: readonly AuditEvent[] };

let audit: AuditView = { kind: 'loading' };
let auditRequest: AbortController | undefined;

function utc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

function detailOf(event: AuditEvent): string {
  const kit = catalogFor(lang);
  const names: Readonly<Record<string, string>> = {
    tenantType: kit.tenantTypeLabel,
    tenantId: kit.tenantId,
    enrollmentUrl: kit.enrollmentUrl,
    remediationUrl: kit.remediationUrl,
  };
  const parts: string[] = [];
  if (event.changes && event.changes.length > 0) {
    const fields = event.changes.map((field) => names[field] ?? field).join(', ');
    parts.push(fill(t('changed'), { fields }));
  }
  if (event.error !== undefined) {
    const code = event.aadsts ? `${event.error} (${event.aadsts})` : event.error;
    parts.push(fill(t('error'), { code }));
  }
  return parts.join(' · ');
}

function row(event: AuditEvent): TemplateResult {
  const kit = catalogFor(lang);
  const action = t(`action-${event.action}`);
  const cloud = event.tenantType === 'gcc-high' ? kit.gccHigh : kit.standard;
  return html`<tr>
    <td class="when"><time datetime=${event.at}>${utc(event.at)}</time></td>
    <td>${event.actor}</td>
    <td>${action}</td>
    <td class="tenant">${event.tenantId}</td>
    <td>${cloud}</td>
    <td class="outcome-${event.outcome}">${t(event.outcome)}</td>
    <td>${detailOf(event)}</td>
  </tr>`;
}

function renderAudit(): void {
  let rows: TemplateResult;
  let status = '';
  switch (audit.kind) {
    case 'loading':
      rows = html`<tr>
        <td colspan="7">${t('auditLoading')}</td>
      </tr>`;
      break;
    case 'failed':
      rows = html`<tr>
        <td colspan="7">${fill(t('auditFailed'), { reason: audit.reason })}</td>
      </tr>`;
      break;
    case 'ready':
      rows =
        audit.events.length === 0
          ? html`<tr>
              <td colspan="7">${t('auditEmpty')}</td>
            </tr>`
          : html`${audit.events.map(row)}`;
      status =
        audit.events.length === 0 ? '' : fill(t('auditCount'), { count: `${audit.events.length}` });
      break;
  }
  render(rows, auditBody);
  auditStatus.textContent = status;
}

async function refreshAudit(): Promise<void> {
  auditRequest?.abort();
  const request = new AbortController();
  auditRequest = request;
  try {
    const events = await compliance.activeAdapter.listAuditEvents({
      signal: request.signal,
      limit: 100,
    });
    if (request.signal.aborted) return;
    audit = { kind: 'ready', events };
  } catch (thrown) {
    if (request.signal.aborted) return;
    audit = { kind: 'failed', reason: thrown instanceof Error ? thrown.message : String(thrown) };
  }
  renderAudit();
}

compliance.addEventListener('audit-event', () => void refreshAudit());
compliance.addEventListener('connection-change', () => void refreshAudit());
auditRefresh.addEventListener('click', () => void refreshAudit());

showLanguage();
void refreshAudit();
