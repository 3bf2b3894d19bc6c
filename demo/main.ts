/**
 * The demo console: one `<azure-device-compliance>` on the reference server at /api (through
 * `HttpAdapter`, the default) or on the embedded browser-storage adapter, chosen in the page and
 * kept in localStorage; the audit log read back from the same backend (page by page, with
 * filters and exports, on the reference server); a language and a theme switch; and, inside the
 * consent dialog (the composite's `consent-extra` slot), a link to the local consent stand-in for
 * trying the flow without Microsoft.
 */
import '../src/define/index.js';
import { html, nothing, render, type TemplateResult } from 'lit';
import { HttpAdapter, type AuditFilters } from '../src/adapter/http-adapter.js';
import type { AuditRecord } from '../src/contract/schemas.js';
import {
  AUDIT_ACTIONS,
  AdapterError,
  catalogFor,
  loadCatalog,
  type AuditAction,
  type AuditEvent,
  type AzureDeviceCompliance,
  type ErrorCode,
  type WizardState,
} from '../src/define/index.js';
import {
  demoConsoleId,
  dropRetiredOutboxes,
  isDemoBackend,
  saveBackend,
  savedBackend,
  savedConsoleId,
  startNewConsole,
  storageKeyFor,
} from './backend.js';
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
  | 'cspNote'
  | 'clientIdNote1'
  | 'clientIdNote2'
  | 'standInTitle'
  | 'standInIntro'
  | 'standInWhere'
  | 'extraLabel'
  | 'extraLink'
  | 'extraHelp'
  | 'backend'
  | 'backendReload'
  | 'backendHttp'
  | 'backendBrowser'
  | 'backendHelpHttp'
  | 'backendHelpBrowser'
  | 'reset'
  | 'resetHelp'
  | 'resetConfirm'
  | 'newConsole'
  | 'newConsoleHelp'
  | 'newConsoleConfirm'
  | 'refresh'
  | 'auditCaption'
  | 'colWhen'
  | 'colWho'
  | 'colAction'
  | 'colTenant'
  | 'colCloud'
  | 'colOutcome'
  | 'colSource'
  | 'colDetail'
  | 'auditEmpty'
  | 'auditNoMatch'
  | 'auditLoading'
  | 'auditOne'
  | 'auditRange'
  | 'auditFailed'
  | 'filterAction'
  | 'filterOutcome'
  | 'allActions'
  | 'allOutcomes'
  | 'exportCsv'
  | 'exportJsonl'
  | 'exporting'
  | 'exported'
  | 'exportFailed'
  | 'pagesLabel'
  | 'newer'
  | 'older'
  | 'page'
  | 'action-connect'
  | 'action-edit'
  | 'action-disconnect'
  | 'action-consent-rejected'
  | 'action-verify-consent'
  | 'success'
  | 'failure'
  | 'source-server'
  | 'source-client'
  | 'summaryOne'
  | 'summaryOther'
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
    cspNote:
      'This console runs under a strict Content-Security-Policy: no inline script or style, no eval, Trusted Types.',
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
    backend: 'Backend',
    backendReload: 'Changing the backend reloads the page.',
    backendHttp: 'Reference server',
    backendBrowser: 'This browser only',
    backendHelpHttp: 'Backend: the reference server at /api (HTTP), demo console {console}.',
    backendHelpBrowser: 'Backend: this browser’s localStorage only, no server.',
    reset: 'Reset demo data',
    resetHelp: 'Removes the demo connection and audit log from this browser.',
    resetConfirm:
      'Remove the demo connection and audit log from this browser? The page reloads afterwards.',
    newConsole: 'Start a new demo console',
    newConsoleHelp: 'The server’s audit trail is append-only and cannot be erased.',
    newConsoleConfirm:
      'Start a new, empty demo console? The reference server’s audit trail is append-only and cannot be erased: the current console and its trail stay on the server, this browser just stops using them. The page reloads afterwards.',
    refresh: 'Refresh',
    auditCaption: 'Audit log',
    colWhen: 'When (UTC)',
    colWho: 'Who',
    colAction: 'Action',
    colTenant: 'Tenant',
    colCloud: 'Cloud',
    colOutcome: 'Outcome',
    colSource: 'Source',
    colDetail: 'Detail',
    auditEmpty: 'No activity yet. Every add, edit and disconnect is recorded here.',
    auditNoMatch: 'No event matches these filters.',
    auditLoading: 'Loading the audit log…',
    auditOne: '1 event.',
    auditRange: 'Events {from} to {to}, newest first.',
    auditFailed: 'The audit log could not be read: {reason}',
    filterAction: 'Action',
    filterOutcome: 'Outcome',
    allActions: 'All actions',
    allOutcomes: 'All outcomes',
    exportCsv: 'Export CSV',
    exportJsonl: 'Export JSON Lines',
    exporting: 'Preparing the export…',
    exported: 'Downloaded {file}.',
    exportFailed: 'The export failed: {reason}',
    pagesLabel: 'Audit log pages',
    newer: 'Newer events',
    older: 'Older events',
    page: 'Page {page}',
    'action-connect': 'Connect account',
    'action-edit': 'Edit account',
    'action-disconnect': 'Disconnect account',
    'action-consent-rejected': 'Consent rejected',
    'action-verify-consent': 'Verify consent',
    success: 'Success',
    failure: 'Failure',
    'source-server': 'Server',
    'source-client': 'Client-reported',
    summaryOne: '{count} report, rate-limited',
    summaryOther: '{count} reports, rate-limited',
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
    navDevices: 'Appareils',
    navPolicies: 'Stratégies',
    navSettings: 'Paramètres',
    deviceCompliance: 'Conformité des appareils',
    deviceComplianceTitle: 'Conformité des appareils',
    cspNote:
      'Cette console fonctionne sous une Content-Security-Policy stricte : ni script ni style en ligne, ni eval, et Trusted Types.',
    clientIdNote1: 'ID d’application (client) fictif',
    clientIdNote2:
      ' : ce n’est pas une vraie application, la page de consentement de Microsoft ne la trouverait pas. Une console le remplace par l’ID de l’application que son éditeur MDM a inscrite dans chaque cloud Microsoft (Standard, GCC High).',
    standInTitle: 'Essayer le flux hors ligne',
    standInIntro:
      'Le lien de consentement de la boîte de dialogue mène chez Microsoft. Pour essayer le flux sans application inscrite, utilisez la page de substitution locale : elle imite la page de Microsoft, puis revient à la page de retour de cette console.',
    standInWhere:
      'Après Connecter le compte, le lien vers la page de substitution apparaît dans la boîte de dialogue Validation du client Azure, sous les étapes. Acceptez-y : la page de retour transmet la réponse à cette console, qui se connecte d’elle-même. Sinon, revenez, cochez « J’ai donné mon consentement » et cliquez sur Confirmer.',
    extraLabel: 'Démo hors ligne :',
    extraLink:
      'ouvrir la page de substitution locale de la page de consentement de Microsoft (pas Microsoft)',
    extraHelp:
      'Elle imite la page de Microsoft pour le locataire {tenant}, puis revient à la page de retour de cette démo, qui transmet la réponse ici. Sinon, cochez « {consentGiven} » et cliquez sur {confirm}.',
    backend: 'Serveur',
    backendReload: 'Changer de serveur recharge la page.',
    backendHttp: 'Serveur de référence',
    backendBrowser: 'Ce navigateur seulement',
    backendHelpHttp:
      'Serveur : le serveur de référence sous /api (HTTP), console de démo {console}.',
    backendHelpBrowser: 'Serveur : le localStorage de ce navigateur seulement, sans serveur.',
    reset: 'Réinitialiser la démo',
    resetHelp: 'Supprime de ce navigateur la connexion et le journal d’audit de la démo.',
    resetConfirm:
      'Supprimer de ce navigateur la connexion et le journal d’audit de la démo ? La page se recharge ensuite.',
    newConsole: 'Démarrer une nouvelle console de démo',
    newConsoleHelp: 'La piste d’audit du serveur ne peut qu’être complétée, jamais effacée.',
    newConsoleConfirm:
      'Démarrer une nouvelle console de démo, vide ? La piste d’audit du serveur de référence ne peut qu’être complétée, jamais effacée : la console actuelle et sa piste restent sur le serveur, ce navigateur cesse simplement de les utiliser. La page se recharge ensuite.',
    refresh: 'Actualiser',
    auditCaption: 'Journal d’audit',
    colWhen: 'Date (UTC)',
    colWho: 'Qui',
    colAction: 'Action',
    colTenant: 'Locataire',
    colCloud: 'Cloud',
    colOutcome: 'Résultat',
    colSource: 'Source',
    colDetail: 'Détail',
    auditEmpty:
      'Aucune activité pour l’instant. Chaque ajout, modification et déconnexion est enregistré ici.',
    auditNoMatch: 'Aucun événement ne correspond à ces filtres.',
    auditLoading: 'Chargement du journal d’audit…',
    auditOne: '1 événement.',
    auditRange: 'Événements {from} à {to}, du plus récent au plus ancien.',
    auditFailed: 'Le journal d’audit n’a pas pu être lu : {reason}',
    filterAction: 'Action',
    filterOutcome: 'Résultat',
    allActions: 'Toutes les actions',
    allOutcomes: 'Tous les résultats',
    exportCsv: 'Exporter en CSV',
    exportJsonl: 'Exporter en JSON Lines',
    exporting: 'Préparation de l’export…',
    exported: '{file} téléchargé.',
    exportFailed: 'L’export a échoué : {reason}',
    pagesLabel: 'Pages du journal d’audit',
    newer: 'Événements plus récents',
    older: 'Événements plus anciens',
    page: 'Page {page}',
    'action-connect': 'Connecter le compte',
    'action-edit': 'Modifier le compte',
    'action-disconnect': 'Déconnecter le compte',
    'action-consent-rejected': 'Consentement refusé',
    'action-verify-consent': 'Vérification du consentement',
    success: 'Réussite',
    failure: 'Échec',
    'source-server': 'Serveur',
    'source-client': 'Signalé par le navigateur',
    summaryOne: '{count} signalement, limité en débit',
    summaryOther: '{count} signalements, limités en débit',
    changed: 'Modifié : {fields}',
    error: 'Erreur : {code}',
  },
};

/** Fills `{name}` placeholders with plain text. */
function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}

let lang: DemoLang = applySavedPrefs();
const t = (key: Key): string => text[lang][key];

// --- Backend -------------------------------------------------------------------------------

/** The reference server (default) or this browser; switching saves the choice and reloads. */
const backend = savedBackend();
/** This browser's console on the reference server: the same one after a reload. */
const consoleId = backend === 'http' ? demoConsoleId() : undefined;
const storageKey = storageKeyFor(backend, consoleId);
dropRetiredOutboxes(storageKey);

/**
 * The console element comes from a template: its `storage-key` is read when it is added to the
 * page (draft, consent ledger, audit outbox, channels), so it must be set before that, and its
 * adapter before its first update, when it loads the connection.
 */
const template = byId('compliance-template', HTMLTemplateElement);
const fragment = document.importNode(template.content, true);
customElements.upgrade(fragment);
const found = fragment.querySelector('azure-device-compliance');
if (!found) throw new Error('Demo page: <azure-device-compliance> is missing.');
const compliance: AzureDeviceCompliance = found;
compliance.setAttribute('storage-key', storageKey);
// Microsoft sends the admin back to this demo's callback page. The redirect URI must be absolute
// and match one registered on the app exactly, so it is computed from the page's own address.
compliance.setAttribute('redirect-uri', new URL(CALLBACK_PAGE, location.href).href);

/**
 * On the reference server, the development authenticator takes the console and the actor from
 * these headers. A real console sends its session cookie instead (see server/auth.ts).
 */
const http =
  consoleId === undefined
    ? undefined
    : new HttpAdapter({
        baseUrl: '/api',
        headers: () => ({
          'X-Dev-Console': consoleId,
          'X-Dev-Actor': compliance.actor.trim() || 'unknown',
        }),
      });
if (http) compliance.adapter = http;

const langSelect = byId('lang-select', HTMLSelectElement);
const themeSelect = byId('theme-select', HTMLSelectElement);
const backendSelect = byId('backend-select', HTMLSelectElement);
const backendHelp = byId('backend-help', HTMLElement);
const resetButton = byId('reset-demo', HTMLButtonElement);
const resetHelp = byId('reset-help', HTMLElement);
const auditBody = byId('audit-body', HTMLTableSectionElement);
const auditCount = byId('audit-count', HTMLElement);
const auditStatus = byId('audit-status', HTMLElement);
const auditAlert = byId('audit-alert', HTMLElement);
const auditRefresh = byId('audit-refresh', HTMLButtonElement);
const auditTools = byId('audit-tools', HTMLElement);
const actionFilter = byId('audit-action', HTMLSelectElement);
const outcomeFilter = byId('audit-outcome', HTMLSelectElement);
const exportCsv = byId('audit-export-csv', HTMLButtonElement);
const exportJsonl = byId('audit-export-jsonl', HTMLButtonElement);
const sourceHeader = byId('col-source', HTMLElement);
const pager = byId('audit-pages', HTMLElement);
const newerButton = byId('audit-newer', HTMLButtonElement);
const olderButton = byId('audit-older', HTMLButtonElement);
const pageLabel = byId('audit-page', HTMLElement);
byId('client-id-value', HTMLElement).textContent = compliance.clientId;

backendSelect.value = backend;
backendSelect.addEventListener('change', () => {
  const next = backendSelect.value;
  if (!isDemoBackend(next) || next === backend) return;
  saveBackend(next);
  location.reload();
});
// The reference server's trail is append-only: the button starts a new console instead.
resetButton.dataset['text'] = backend === 'http' ? 'newConsole' : 'reset';
for (const element of [auditTools, sourceHeader, pager]) element.hidden = http === undefined;

// Another tab switched the backend or started a new console: follow it, so that the consent
// callback page (which reads the same choice) reaches the console that is on screen.
addEventListener('storage', () => {
  const moved =
    savedBackend() !== backend || (http !== undefined && savedConsoleId() !== consoleId);
  if (moved) location.reload();
});

// --- Language and theme --------------------------------------------------------------------

function showLanguage(): void {
  fillText(text, lang);
  document.title = `${t('deviceComplianceTitle')} - Microsoft Azure - ${t('brand')} (${t('demoBadge')})`;
  langSelect.value = lang;
  backendHelp.textContent =
    consoleId === undefined
      ? t('backendHelpBrowser')
      : fill(t('backendHelpHttp'), { console: consoleId });
  resetHelp.textContent = http ? t('newConsoleHelp') : t('resetHelp');
  renderStandIn(compliance.state);
  renderAudit();
}

langSelect.addEventListener('change', () => {
  if (!isDemoLang(langSelect.value)) return;
  lang = langSelect.value;
  // The kit's elements follow the nearest `lang`: setting it on the root is all they need. The
  // page's own uses of the kit's sentences (stand-in, audit table) wait for its catalog.
  applyLang(lang, true);
  void loadCatalog(lang).then(showLanguage);
});

themeSelect.value = savedTheme();
themeSelect.addEventListener('change', () => {
  if (isDemoTheme(themeSelect.value)) applyTheme(themeSelect.value, true);
});

followOtherTabs((next) => {
  lang = next;
  void loadCatalog(lang).then(showLanguage);
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
  if (http) {
    if (!confirm(t('newConsoleConfirm'))) return;
    startNewConsole();
    location.reload();
    return;
  }
  if (!confirm(t('resetConfirm'))) return;
  for (const key of ['connection', 'audit']) {
    localStorage.removeItem(`azure-compliance-connect:${key}`);
  }
  location.reload();
});

// --- Audit log -----------------------------------------------------------------------------

/** Events per page of the reference server's trail. */
const PAGE_SIZE = 20;
/** Longest wait for a page or an export of the reference server's trail. */
const AUDIT_TIMEOUT_MS = 15_000;

/** An audit line: an event of the browser's log, or a record of the server's trail. */
type AuditLine = AuditEvent & Partial<Pick<AuditRecord, 'source' | 'count'>>;

/** Why a read failed: the kit's error code when there is one, else the error's message. */
interface Failure {
  readonly code?: ErrorCode;
  readonly message: string;
}

type AuditView =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly failure: Failure }
  | {
      readonly kind: 'ready';
      readonly events: readonly AuditLine[];
      /** Reference server only: whether an older page follows. */
      readonly hasOlder: boolean;
    };

let audit: AuditView = { kind: 'loading' };
let auditRequest: AbortController | undefined;
/** Reference server: the cursor of each page seen so far (`undefined` for the newest). */
let cursors: (string | undefined)[] = [undefined];
/** Reference server: the page on screen, 0 for the newest. */
let pageIndex = 0;
/** What the export status line says, kept as a message so it follows the language. */
let exportNote: { readonly key: 'exporting' | 'exported'; readonly file?: string } | undefined;
let exportFailure: Failure | undefined;

function failureOf(thrown: unknown): Failure {
  if (thrown instanceof AdapterError) return { code: thrown.code, message: thrown.message };
  return { message: thrown instanceof Error ? thrown.message : String(thrown) };
}

/** The kit's sentence for the error code, as plain text (never markup). */
function failureText(failure: Failure): string {
  return failure.code === undefined ? failure.message : catalogFor(lang).errors[failure.code];
}

function utc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

function detailOf(event: AuditLine): string {
  const kit = catalogFor(lang);
  const names: Readonly<Record<string, string>> = {
    tenantType: kit.tenantTypeLabel,
    tenantId: kit.tenantId,
    enrollmentUrl: kit.enrollmentUrl,
    remediationUrl: kit.remediationUrl,
  };
  const parts: string[] = [];
  if (event.count !== undefined) {
    parts.push(
      fill(t(event.count === 1 ? 'summaryOne' : 'summaryOther'), { count: `${event.count}` }),
    );
  }
  if (event.changes && event.changes.length > 0) {
    const fields = event.changes.map((field) => names[field] ?? field).join(', ');
    parts.push(fill(t('changed'), { fields }));
  }
  if (event.error !== undefined) parts.push(errorSentence(event.error, event.aadsts));
  return parts.join(' · ');
}

/**
 * The kit's sentence for an audit event's error code, in the page language, with Microsoft's
 * AADSTS code when the sentence does not already give it. A code the kit does not know (a newer
 * server) is shown as it is.
 */
function errorSentence(code: string, aadsts: string | undefined): string {
  const kit = catalogFor(lang);
  const errors: Readonly<Record<string, string>> = kit.errors;
  const known = Object.hasOwn(errors, code) ? errors[code] : undefined;
  if (known === undefined) return fill(t('error'), { code: aadsts ? `${code} (${aadsts})` : code });
  // The audit trail does not keep the permissions' names: the sentence that names none.
  const sentence = code === 'permissions-missing' ? kit.permissionsMissingUnnamed : known;
  return aadsts && !sentence.includes(aadsts) ? `${sentence} (${aadsts})` : sentence;
}

function sourceOf(event: AuditLine): string {
  return event.source === undefined ? '' : t(`source-${event.source}`);
}

function row(event: AuditLine): TemplateResult {
  const kit = catalogFor(lang);
  const action = t(`action-${event.action}`);
  const cloud = event.tenantType === 'gcc-high' ? kit.gccHigh : kit.standard;
  return html`<tr data-action=${event.action}>
    <td class="when"><time datetime=${event.at}>${utc(event.at)}</time></td>
    <td>${event.actor}</td>
    <td class="action">${action}</td>
    <td class="tenant">${event.tenantId}</td>
    <td class="cloud">${cloud}</td>
    <td class="outcome-${event.outcome}">${t(event.outcome)}</td>
    ${
      http
        ? html`<td class="source" data-source=${event.source ?? nothing}>${sourceOf(event)}</td>`
        : nothing
    }
    <td class="detail" data-error=${event.error ?? nothing}>${detailOf(event)}</td>
  </tr>`;
}

function filters(): AuditFilters {
  const action = AUDIT_ACTIONS.find((value): value is AuditAction => value === actionFilter.value);
  const outcome =
    outcomeFilter.value === 'success' || outcomeFilter.value === 'failure'
      ? outcomeFilter.value
      : undefined;
  return { ...(action && { action }), ...(outcome && { outcome }) };
}

function filtered(): boolean {
  return actionFilter.value !== '' || outcomeFilter.value !== '';
}

function renderAudit(): void {
  const columns = http ? 8 : 7;
  let rows: TemplateResult;
  /** Which events are on screen: plain text, not a live region, so no event re-announces it. */
  let shown = '';
  switch (audit.kind) {
    case 'loading':
      rows = html`<tr>
        <td colspan=${columns}>${t('auditLoading')}</td>
      </tr>`;
      break;
    case 'failed':
      rows = html`<tr>
        <td colspan=${columns}>
          ${fill(t('auditFailed'), { reason: failureText(audit.failure) })}
        </td>
      </tr>`;
      break;
    case 'ready': {
      const count = audit.events.length;
      rows =
        count === 0
          ? html`<tr>
              <td colspan=${columns}>${t(http && filtered() ? 'auditNoMatch' : 'auditEmpty')}</td>
            </tr>`
          : html`${audit.events.map(row)}`;
      const first = (http ? pageIndex * PAGE_SIZE : 0) + 1;
      shown =
        count === 0
          ? ''
          : first === 1 && count === 1
            ? t('auditOne')
            : fill(t('auditRange'), { from: `${first}`, to: `${first + count - 1}` });
      break;
    }
  }
  render(rows, auditBody);
  auditCount.textContent = shown;
  // The export's progress is announced (a status region of its own), the count is not.
  auditStatus.textContent = exportNote
    ? fill(t(exportNote.key), { file: exportNote.file ?? '' })
    : '';
  auditAlert.textContent =
    exportFailure === undefined
      ? ''
      : fill(t('exportFailed'), { reason: failureText(exportFailure) });
  newerButton.disabled = pageIndex === 0;
  olderButton.disabled = !(audit.kind === 'ready' && audit.hasOlder);
  pageLabel.textContent = fill(t('page'), { page: `${pageIndex + 1}` });
}

/** Reads the newest events of the browser's log, or one page of the server's trail. */
async function refreshAudit(page = 0): Promise<void> {
  auditRequest?.abort();
  exportNote = undefined;
  exportFailure = undefined;
  const request = new AbortController();
  auditRequest = request;
  try {
    if (http) {
      const answer = await http.listAuditPage({
        signal: AbortSignal.any([request.signal, AbortSignal.timeout(AUDIT_TIMEOUT_MS)]),
        limit: PAGE_SIZE,
        ...(cursors[page] !== undefined && { cursor: cursors[page] }),
        ...filters(),
      });
      if (request.signal.aborted) return;
      cursors = [
        ...cursors.slice(0, page + 1),
        ...(answer.nextCursor === null ? [] : [answer.nextCursor]),
      ];
      pageIndex = page;
      audit = { kind: 'ready', events: answer.events, hasOlder: answer.nextCursor !== null };
    } else {
      const events = await compliance.activeAdapter.listAuditEvents({
        signal: request.signal,
        limit: 100,
      });
      if (request.signal.aborted) return;
      audit = { kind: 'ready', events, hasOlder: false };
    }
  } catch (thrown) {
    if (request.signal.aborted) return;
    audit = { kind: 'failed', failure: failureOf(thrown) };
  }
  renderAudit();
}

/** Shows the newest events again, once, however many reasons to do so arrive together. */
let refreshQueued = false;
function refreshNewest(): void {
  if (refreshQueued) return;
  refreshQueued = true;
  queueMicrotask(() => {
    refreshQueued = false;
    void refreshAudit(0);
  });
}

compliance.addEventListener('audit-event', refreshNewest);
compliance.addEventListener('connection-change', refreshNewest);
auditRefresh.addEventListener('click', refreshNewest);

/**
 * The reference server writes its own trail (consent checks included, which change no
 * connection), so its log is read again whenever a call to it ends.
 */
const BUSY: ReadonlySet<WizardState['status']> = new Set(['verifying', 'saving', 'disconnecting']);
let lastStatus = compliance.state.status;
compliance.addEventListener('wizard-state-change', (event) => {
  const { status } = event.detail.state;
  if (http && BUSY.has(lastStatus) && !BUSY.has(status)) refreshNewest();
  lastStatus = status;
});

/** A paging button turned disabled under the keyboard: focus goes to the other one. */
async function turnPage(page: number, button: HTMLButtonElement, other: HTMLButtonElement) {
  await refreshAudit(page);
  const active = document.activeElement;
  if (button.disabled && (active === button || active === document.body) && !other.disabled) {
    other.focus();
  }
}

newerButton.addEventListener('click', () => {
  if (pageIndex > 0) void turnPage(pageIndex - 1, newerButton, olderButton);
});
olderButton.addEventListener('click', () => {
  if (audit.kind === 'ready' && audit.hasOlder)
    void turnPage(pageIndex + 1, olderButton, newerButton);
});
for (const select of [actionFilter, outcomeFilter]) {
  select.addEventListener('change', () => {
    cursors = [undefined];
    pageIndex = 0;
    refreshNewest();
  });
}

/** Downloads the filtered trail: a Blob, a temporary object URL and `<a download>`. */
let exporting = false;
async function exportTrail(format: 'csv' | 'jsonl'): Promise<void> {
  if (!http || exporting) return;
  exporting = true;
  exportFailure = undefined;
  exportNote = { key: 'exporting' };
  renderAudit();
  try {
    const file = await http.exportAudit({
      format,
      signal: AbortSignal.timeout(AUDIT_TIMEOUT_MS),
      ...filters(),
    });
    const url = URL.createObjectURL(file.blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = file.filename;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    // The download has started from the URL by then; it is only freed afterwards.
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
    exportNote = { key: 'exported', file: file.filename };
  } catch (thrown) {
    exportNote = undefined;
    exportFailure = failureOf(thrown);
  } finally {
    exporting = false;
  }
  renderAudit();
}

exportCsv.addEventListener('click', () => void exportTrail('csv'));
exportJsonl.addEventListener('click', () => void exportTrail('jsonl'));

// Only now does the console enter the page: its storage key and adapter are in place.
byId('compliance-card', HTMLElement).append(compliance);

// The French catalog is a chunk of its own: the page's stand-in and audit table wait for it.
await loadCatalog(lang);
showLanguage();
void refreshAudit();
