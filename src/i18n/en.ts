import type { ErrorCode } from '../core/errors.js';
import type { FieldError } from '../core/connection.js';

/** Every sentence the kit shows. `{name}` marks a value filled in at run time. */
export interface Strings {
  sectionTitle: string;
  tenantTypeLegend: string;
  standard: string;
  standardHint: string;
  gccHigh: string;
  gccHighHint: string;
  connectAccountTitle: string;
  editAccountTitle: string;
  tenantId: string;
  tenantIdHelp: string;
  enrollmentUrl: string;
  enrollmentUrlHelp: string;
  remediationUrl: string;
  remediationUrlHelp: string;
  optional: string;
  connectAccount: string;
  saveChanges: string;
  cancel: string;
  close: string;
  fixFields: string;
  dialogTitle: string;
  dialogIntro: string;
  step1: string;
  consentLink: string;
  newTab: string;
  step2: string;
  step3: string;
  signInAgainHint: string;
  copyLink: string;
  linkCopied: string;
  copyFailed: string;
  copyHint: string;
  consentGiven: string;
  confirm: string;
  verifying: string;
  noConsentUrl: string;
  connectedTitle: string;
  tenantTypeLabel: string;
  tenantLabel: string;
  notSet: string;
  connectedOn: string;
  editAccount: string;
  disconnectAccount: string;
  macosNote: string;
  reconnectForMacos: string;
  disconnectTitle: string;
  disconnectBody: string;
  disconnectConfirm: string;
  reconnectTitle: string;
  reconnectBody: string;
  reconnectConfirm: string;
  /** The Azure tenant's GUID, shown under a tenant entered as a domain name. */
  tenantGuidLabel: string;
  /** Title of the alert on a connection that a check found broken. */
  attentionTitle: string;
  /** `{date}`: since when (the check that found it). */
  attentionSince: string;
  /** Opens the disconnect-and-reconnect confirmation from the attention alert. */
  attentionReconnect: string;
  /** `permissions-missing` when the backend did not name the permissions. */
  permissionsMissingUnnamed: string;
  healthTitle: string;
  healthUnsupported: string;
  healthLoading: string;
  partnerStateLabel: string;
  partnerEnabled: string;
  partnerUnresponsive: string;
  partnerTerminated: string;
  partnerRejected: string;
  partnerUnavailable: string;
  partnerUnknown: string;
  partnerNameLabel: string;
  /** Why Intune's view is missing: the backend has no Microsoft credentials. */
  partnerNotConfigured: string;
  /** Why Intune's view is missing: Graph refused to read the partner record (HTTP 403). */
  partnerForbidden: string;
  /** Why Intune's view is missing: Intune lists no partner record for this console. */
  partnerNotFound: string;
  /** Why Intune's view is missing, when the backend did not say. */
  partnerMissing: string;
  /** Why Intune's view is missing: the same error as the last consent check, shown with it. */
  partnerSameAsCheck: string;
  lastHeartbeatLabel: string;
  noHeartbeat: string;
  /** `{age}`: the deployment's longest allowed gap, e.g. "2 hours". */
  heartbeatStale: string;
  platformsLabel: string;
  onboarded: string;
  notOnboarded: string;
  lastCheckLabel: string;
  notCheckedYet: string;
  consentVerified: string;
  checkNow: string;
  checking: string;
  /** `{time}`: when the check ended. */
  checkVerified: string;
  /** `{error}`: the sentence of the error. */
  checkFailed: string;
  disconnecting: string;
  saving: string;
  loading: string;
  retry: string;
  /** Added after an error when the backend or Microsoft said how long to wait. */
  retryAfter: string;
  /** The load error when the embedded adapter's own stored data cannot be read. */
  embeddedStoreCorrupt: string;
  /** Opens the confirmation that erases the embedded adapter's stored data. */
  resetEmbeddedStore: string;
  resetEmbeddedStoreTitle: string;
  resetEmbeddedStoreBody: string;
  resetEmbeddedStoreConfirm: string;
  /** Read before a field's error by screen readers; sighted users see the error icon. */
  errorPrefix: string;
  /** Titles of the error boxes. */
  loadFailedTitle: string;
  verificationFailedTitle: string;
  saveFailedTitle: string;
  disconnectFailedTitle: string;
  healthLoadFailedTitle: string;
  /** Name of the close button of the dialogs. */
  closeDialog: string;
  /** The composite's `adapter` was given as an attribute (no object arrived). */
  adapterAttributeTitle: string;
  adapterAttributeText: string;
  /** Title of the error box shown when the consent link cannot be built. */
  consentLinkUnavailableTitle: string;
  /** Why Confirm is unavailable; `{label}` is the consent checkbox's label. */
  confirmHint: string;
  /** Label of the read-only field that shows the consent link when copying failed. */
  consentLinkField: string;
  /** The tenant-type picker's button: what it adds. */
  addAzureAccount: string;
  /** Title of the error box when connecting an account failed (the form on its own). */
  connectFailedTitle: string;
  errors: Record<ErrorCode, string>;
  fieldErrors: Record<FieldError, string>;
}

export const en: Strings = {
  sectionTitle: 'Device compliance for iOS, macOS and Android',
  tenantTypeLegend: 'Tenant type',
  standard: 'Standard',
  standardHint: 'Microsoft commercial cloud, “.com” URLs.',
  gccHigh: 'GCC High',
  gccHighHint: 'US government cloud for federal or DoD needs, “.us” URLs.',
  connectAccountTitle: 'Connect account',
  editAccountTitle: 'Edit account',
  tenantId: 'Azure tenant ID',
  tenantIdHelp:
    'Find it in the Microsoft Entra admin center: Entra ID > Overview > Properties > Tenant ID. A verified domain such as contoso.onmicrosoft.com also works.',
  enrollmentUrl: 'Enrollment URL',
  enrollmentUrlHelp:
    'Users of a device that is not enrolled in MDM are sent to this page to enrol. Use an HTTPS address.',
  remediationUrl: 'Remediation URL',
  remediationUrlHelp:
    'Users of a device that is not compliant are sent to this page to fix it. Use an HTTPS address.',
  optional: 'optional',
  connectAccount: 'Connect account',
  saveChanges: 'Save changes',
  cancel: 'Cancel',
  close: 'Close',
  fixFields: 'Check the highlighted fields.',
  dialogTitle: 'Azure client validation',
  dialogIntro: 'Give admin consent for tenant {tenant} ({cloud}).',
  step1: 'Open Microsoft’s consent page:',
  consentLink: 'Microsoft admin consent',
  newTab: '(opens in a new tab)',
  step2: 'Sign in.',
  step3: 'Review the permissions, then click Accept.',
  signInAgainHint: 'If the page asks you to sign in again, close that browser tab or window.',
  copyLink: 'Copy link',
  linkCopied: 'Link copied.',
  copyFailed: 'The link could not be copied. Select it below and copy it.',
  copyHint:
    'Not the right administrator? Hand this link to someone with the Privileged Role Administrator or Global Administrator role.',
  consentGiven: 'I have given my consent',
  confirm: 'Confirm',
  verifying: 'Verifying consent…',
  noConsentUrl:
    'The consent link cannot be built: the console has no valid client ID or redirect URI.',
  connectedTitle: 'Connected',
  tenantTypeLabel: 'Tenant type',
  tenantLabel: 'Azure tenant ID',
  notSet: 'Not set',
  connectedOn: 'Connected on',
  editAccount: 'Edit account',
  disconnectAccount: 'Disconnect account',
  macosNote:
    'A tenant that is already connected and wants to add macOS compliance must disconnect the account, then reconnect it.',
  reconnectForMacos: 'Reconnect to add macOS',
  disconnectTitle: 'Disconnect account?',
  disconnectBody:
    'Tenant {tenant} stops receiving device compliance from this console: Intune shows the partner as terminated and stops using its compliance results. The connection is removed here and the change is recorded in the audit log. Reconnecting later needs a new admin consent.',
  disconnectConfirm: 'Disconnect account',
  reconnectTitle: 'Disconnect and reconnect?',
  reconnectBody:
    'Tenant {tenant} is disconnected, then the Azure client validation opens again so that an administrator consents to the new permissions (macOS). Until consent is confirmed, the tenant receives no device compliance.',
  reconnectConfirm: 'Disconnect and reconnect',
  tenantGuidLabel: 'Tenant GUID',
  attentionTitle: 'Needs attention',
  attentionSince: 'Since {date}.',
  attentionReconnect: 'Reconnect',
  permissionsMissingUnnamed:
    'Consent is in place, but without some permissions this console needs. A tenant administrator must consent again to grant them.',
  healthTitle: 'What Intune sees',
  healthUnsupported: 'This console’s backend does not report the connection’s health.',
  healthLoading: 'Loading the connection’s health…',
  partnerStateLabel: 'Partner state',
  partnerEnabled: 'Active: Intune uses this console’s compliance results.',
  partnerUnresponsive:
    'Not responding: Intune has not heard from this console recently. The console’s operator must check that it still reaches Intune.',
  partnerTerminated:
    'Terminated in Intune: Intune no longer uses this console’s compliance results. A tenant administrator must reconnect the account to resume.',
  partnerRejected:
    'Rejected by Intune: the tenant refused this console as a compliance partner. A tenant administrator must review the partner in the Intune admin center.',
  partnerUnavailable:
    'Unavailable: Intune reports the partner connection as unavailable. Check again later; if it stays so, contact the console’s support.',
  partnerUnknown: 'Unknown: Intune has not reported a state yet.',
  partnerNameLabel: 'Name in Intune',
  partnerNotConfigured:
    'This console’s server does not ask Microsoft, so Intune’s view of the connection is not available.',
  partnerForbidden:
    'Intune’s view is not available: the app lacks the DeviceManagementServiceConfig.Read.All permission. A tenant administrator must consent again to grant it.',
  partnerNotFound:
    'Intune does not list this console as a compliance partner of the tenant yet. If it is still missing after the console has connected, contact the console’s support.',
  partnerMissing: 'Intune’s view of the connection is not available right now.',
  partnerSameAsCheck:
    'Intune’s view cannot be read, for the same reason as the last consent check.',
  lastHeartbeatLabel: 'Last heartbeat',
  noHeartbeat: 'No heartbeat yet',
  heartbeatStale:
    'No heartbeat for more than {age}: Intune may treat this console as not responding. The console’s operator must check that it still reaches Intune.',
  platformsLabel: 'Platforms',
  onboarded: 'Onboarded',
  notOnboarded: 'Not onboarded',
  lastCheckLabel: 'Last consent check',
  notCheckedYet: 'Not checked yet',
  consentVerified: 'Consent verified',
  checkNow: 'Check now',
  checking: 'Checking consent with Microsoft…',
  checkVerified: 'Check complete: consent verified at {time}.',
  checkFailed: 'Check failed: {error}',
  disconnecting: 'Disconnecting…',
  saving: 'Saving…',
  loading: 'Loading the connection…',
  retry: 'Retry',
  retryAfter: 'Microsoft asks to wait {seconds} seconds before the next check.',
  embeddedStoreCorrupt:
    'The connection data kept in this browser is damaged and cannot be read, so retrying will not help. Reset the embedded store to start again.',
  resetEmbeddedStore: 'Reset the embedded store',
  resetEmbeddedStoreTitle: 'Reset the embedded store?',
  resetEmbeddedStoreBody:
    'The connection and the audit log kept in this browser are erased for good, then the console starts again from the choice of tenant type. Nothing is changed in Microsoft Entra ID or Intune.',
  resetEmbeddedStoreConfirm: 'Reset the embedded store',
  errorPrefix: 'Error:',
  loadFailedTitle: 'The connection could not be loaded',
  verificationFailedTitle: 'Consent could not be verified',
  saveFailedTitle: 'The changes were not saved',
  disconnectFailedTitle: 'The account was not disconnected',
  healthLoadFailedTitle: 'What Intune sees could not be loaded',
  closeDialog: 'Close',
  adapterAttributeTitle: 'This console is not connected to its backend',
  adapterAttributeText:
    'The adapter was given as an HTML attribute, which cannot carry it, so nothing was loaded or saved. The console’s developers must set the adapter property instead (element.adapter = …).',
  consentLinkUnavailableTitle: 'The consent link is not available',
  confirmHint: 'Tick “{label}” to confirm.',
  consentLinkField: 'Consent link',
  addAzureAccount: 'Add Azure account',
  connectFailedTitle: 'The account was not connected',
  errors: {
    'consent-missing':
      'Microsoft reports no consent for this app in the tenant: it was never given, or it was withdrawn. A tenant administrator must open the consent link and click Accept.',
    'consent-declined':
      'The administrator declined consent (AADSTS65004). Open the consent link again and click Accept.',
    'app-not-found':
      'The app is not registered in this cloud (AADSTS700016). Check the tenant type: Standard or GCC High.',
    'permissions-missing':
      'Consent is in place, but without these permissions: {permissions}. A tenant administrator must consent again to grant them (this is how macOS is added).',
    'vendor-credentials':
      'This console’s own sign-in to Microsoft was refused: its certificate or secret is wrong or expired. The tenant administrator cannot fix this; the console’s operator must renew the app’s credentials.',
    throttled:
      'Microsoft is limiting requests for now. Nothing was saved; check again in a moment.',
    'microsoft-unavailable':
      'Microsoft’s sign-in service could not be reached or did not answer in time. Nothing was saved; retry in a moment.',
    'microsoft-malformed':
      'Microsoft sent an answer the server cannot read. Nothing was saved; retry, and contact support if it happens again.',
    'tenant-not-found':
      'Microsoft cannot find this tenant (AADSTS90002). Check the Azure tenant ID.',
    'wrong-cloud':
      'This tenant belongs to another Microsoft cloud (AADSTS90038). Choose the other tenant type and connect again.',
    'resource-not-found':
      'A service the app needs is missing in this tenant (AADSTS500011). Ask your vendor to check the app registration.',
    'admin-consent-required':
      'An administrator must consent (AADSTS90094). Sign in with a Privileged Role Administrator or Global Administrator account.',
    'tenant-malformed':
      'Microsoft could not read the tenant identifier (AADSTS900023). Check the Azure tenant ID.',
    'consent-error':
      'Microsoft reported an error during consent. Open the consent link and try again.',
    'access-denied':
      'Consent was cancelled on Microsoft’s page. Open the consent link again and click Accept.',
    'state-mismatch':
      'An answer from Microsoft did not belong to this connection attempt (it may be old or forged) and was ignored.',
    'state-replayed':
      'An answer from Microsoft was received again for a connection attempt that was already used, and was ignored.',
    'state-stale':
      'An answer from Microsoft belonged to an older or expired connection attempt and was ignored. Use the newest consent link.',
    'tenant-mismatch':
      'Consent was given in a different tenant from the one entered. Check the Azure tenant ID.',
    'not-granted':
      'Microsoft did not report that consent was given. Open the consent link and click Accept.',
    'not-verified':
      'Consent is not visible yet. It can take about 30 seconds to reach Microsoft’s servers; confirm again in a moment.',
    network: 'The console cannot reach its server. Check the network connection, then retry.',
    timeout: 'The server took too long to answer. Retry.',
    aborted: 'The request was cancelled.',
    'malformed-response':
      'The server sent an answer the console cannot read. Retry, or contact support.',
    conflict:
      'The connection was changed elsewhere (another tab or another administrator). Nothing was overwritten: cancel to load the latest version, then edit again.',
    'not-connected': 'No tenant is connected any more. Reload the page.',
    unauthorized: 'Your session has expired; sign in again.',
    forbidden:
      'Your account is not allowed to change this connection. Ask an administrator of this console.',
    unavailable: 'The server is unavailable for a moment. Retry in a few seconds.',
    'invalid-request':
      'The server refused the request as invalid. Reload the page; if it happens again, contact support.',
    adapter: 'The request failed. Retry.',
  },
  fieldErrors: {
    'tenant-required': 'Enter the Azure tenant ID.',
    'tenant-multi':
      '“common”, “organizations” and “consumers” stand for many tenants. Enter your organization’s own tenant ID.',
    'tenant-nil':
      'The all-zero GUID is not a tenant. Copy the tenant ID from the Entra admin center.',
    'tenant-personal':
      'This is the tenant of personal Microsoft accounts. Enter your organization’s tenant ID.',
    'tenant-too-long': 'This is too long for a tenant ID or domain name (253 characters at most).',
    'tenant-invalid':
      'Enter a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) or a domain such as contoso.onmicrosoft.com.',
    'url-not-https': 'Use an HTTPS address that starts with https://.',
    'url-invalid': 'This is not a valid web address.',
    'url-credentials': 'Remove the user name and password from the address.',
    'url-whitespace': 'A web address cannot contain spaces.',
    'url-too-long': 'Use an address of 2048 characters or fewer.',
    'url-idn':
      'Type the domain in Latin letters (accents are fine), or write an international domain in its xn-- form, for example xn--r8jz45g.jp.',
  },
};
