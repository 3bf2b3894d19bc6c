import type { Strings } from './en.js';

export const fr: Strings = {
  sectionTitle: 'Conformité des appareils pour iOS, macOS et Android',
  tenantTypeLegend: 'Type de locataire',
  standard: 'Standard',
  standardHint: 'Le système suit le flux existant et utilise des URL « .com ».',
  gccHigh: 'GCC High',
  gccHighHint:
    'La communication est routée via des URL « .us » répondant à des besoins fédéraux ou du DoD.',
  connectAccountTitle: 'Connecter le compte',
  editAccountTitle: 'Modifier le compte',
  tenantId: 'ID locataire Azure',
  tenantIdHelp:
    'Recherchez cet identifiant dans votre instance Microsoft Azure : centre d’administration Microsoft Entra > Entra ID > Vue d’ensemble > Propriétés > ID de locataire. Un domaine vérifié comme contoso.onmicrosoft.com convient aussi.',
  enrollmentUrl: 'URL d’inscription',
  enrollmentUrlHelp:
    'Les utilisateurs d’un appareil qui n’est pas inscrit dans MDM sont dirigés vers cette page pour l’inscrire. Utilisez une adresse HTTPS.',
  remediationUrl: 'URL de correction',
  remediationUrlHelp:
    'Les utilisateurs d’un appareil non conforme sont dirigés vers cette page pour le mettre en conformité. Utilisez une adresse HTTPS.',
  optional: 'facultatif',
  connectAccount: 'Connecter le compte',
  saveChanges: 'Enregistrer les modifications',
  cancel: 'Annuler',
  close: 'Fermer',
  fixFields: 'Vérifiez les champs signalés.',
  dialogTitle: 'Validation du client Azure',
  dialogIntro: 'Donnez le consentement administrateur pour le locataire {tenant} ({cloud}).',
  step1: 'Ouvrez la page de consentement de Microsoft :',
  consentLink: 'Consentement administrateur Microsoft',
  newTab: '(s’ouvre dans un nouvel onglet)',
  step2: 'Connectez-vous.',
  step3: 'Consultez les autorisations, puis cliquez sur Accepter.',
  signInAgainHint:
    'Si vous vous connectez et que la page vous invite à vous connecter de nouveau, fermez l’onglet/la fenêtre du navigateur.',
  copyLink: 'Copier le lien',
  linkCopied: 'Lien copié.',
  copyFailed: 'Le lien n’a pas pu être copié. Sélectionnez-le ci-dessous pour le copier.',
  copyHint:
    'Vous n’êtes pas l’administrateur voulu ? Transmettez ce lien à une personne ayant le rôle Administrateur de rôle privilégié ou Administrateur général.',
  consentGiven: 'J’ai donné mon consentement',
  confirm: 'Confirmer',
  verifying: 'Vérification du consentement…',
  noConsentUrl:
    'Le lien de consentement ne peut pas être construit : la console n’a pas d’ID client ou d’URI de redirection valide.',
  connectedTitle: 'Connecté',
  tenantTypeLabel: 'Type de locataire',
  tenantLabel: 'ID locataire Azure',
  notSet: 'Non défini',
  connectedOn: 'Connecté le',
  editAccount: 'Modifier le compte',
  disconnectAccount: 'Déconnecter le compte',
  macosNote:
    'Un locataire déjà connecté qui veut ajouter la conformité des appareils macOS doit déconnecter le compte, puis le reconnecter.',
  reconnectForMacos: 'Reconnecter pour ajouter macOS',
  disconnectTitle: 'Déconnecter le compte ?',
  disconnectBody:
    'Le locataire {tenant} ne reçoit plus la conformité des appareils de cette console : Intune indique le partenaire comme résilié et n’utilise plus ses résultats. La connexion est supprimée ici et le changement est enregistré dans le journal d’audit. Une reconnexion demandera un nouveau consentement administrateur.',
  disconnectConfirm: 'Déconnecter le compte',
  reconnectTitle: 'Déconnecter et reconnecter ?',
  reconnectBody:
    'Le locataire {tenant} est déconnecté, puis la validation du client Azure s’ouvre de nouveau pour qu’un administrateur consente aux nouvelles autorisations (macOS). Tant que le consentement n’est pas confirmé, le locataire ne reçoit aucune conformité des appareils.',
  reconnectConfirm: 'Déconnecter et reconnecter',
  tenantGuidLabel: 'GUID du locataire',
  attentionTitle: 'Intervention requise',
  attentionSince: 'Depuis le {date}.',
  attentionReconnect: 'Reconnecter',
  permissionsMissingUnnamed:
    'Le consentement est donné, mais sans certaines autorisations dont cette console a besoin. Un administrateur du locataire doit consentir à nouveau pour les accorder.',
  healthTitle: 'Ce que voit Intune',
  healthUnsupported: 'Le serveur de cette console ne fournit pas l’état de la connexion.',
  healthLoading: 'Chargement de l’état de la connexion…',
  partnerStateLabel: 'État du partenaire',
  partnerEnabled: 'Actif : Intune utilise les résultats de conformité de cette console.',
  partnerUnresponsive:
    'Ne répond pas : Intune n’a pas eu de nouvelles de cette console récemment. L’exploitant de la console doit vérifier qu’elle joint toujours Intune.',
  partnerTerminated:
    'Résilié dans Intune : Intune n’utilise plus les résultats de conformité de cette console. Un administrateur du locataire doit reconnecter le compte pour les rétablir.',
  partnerRejected:
    'Refusé par Intune : le locataire a refusé cette console comme partenaire de conformité. Un administrateur du locataire doit vérifier le partenaire dans le centre d’administration Intune.',
  partnerUnavailable:
    'Indisponible : Intune indique la connexion partenaire comme indisponible. Vérifiez plus tard ; si cela persiste, contactez le support de la console.',
  partnerUnknown: 'Inconnu : Intune n’a encore indiqué aucun état.',
  partnerNameLabel: 'Nom dans Intune',
  partnerNotConfigured:
    'Le serveur de cette console n’interroge pas Microsoft : la vue d’Intune sur la connexion n’est donc pas disponible.',
  partnerForbidden:
    'La vue d’Intune n’est pas disponible : l’application n’a pas l’autorisation DeviceManagementServiceConfig.Read.All. Un administrateur du locataire doit consentir à nouveau pour l’accorder.',
  partnerNotFound:
    'Intune ne compte pas encore cette console parmi les partenaires de conformité du locataire. Si elle manque toujours une fois la console connectée, contactez le support de la console.',
  partnerMissing: 'La vue d’Intune sur la connexion n’est pas disponible pour le moment.',
  partnerSameAsCheck:
    'La vue d’Intune ne peut pas être lue, pour la même raison que la dernière vérification du consentement.',
  lastHeartbeatLabel: 'Dernière pulsation',
  noHeartbeat: 'Aucune pulsation pour l’instant',
  heartbeatStale:
    'Aucune pulsation depuis plus de {age} : Intune peut considérer que cette console ne répond plus. L’exploitant de la console doit vérifier qu’elle joint toujours Intune.',
  platformsLabel: 'Plateformes',
  onboarded: 'Intégré',
  notOnboarded: 'Non intégré',
  lastCheckLabel: 'Dernière vérification du consentement',
  notCheckedYet: 'Pas encore vérifié',
  consentVerified: 'Consentement vérifié',
  checkNow: 'Vérifier maintenant',
  checking: 'Vérification du consentement auprès de Microsoft…',
  checkVerified: 'Vérification terminée : consentement confirmé à {time}.',
  checkFailed: 'Échec de la vérification : {error}',
  disconnecting: 'Déconnexion…',
  saving: 'Enregistrement…',
  loading: 'Chargement de la connexion…',
  retry: 'Réessayer',
  retryAfter: 'Microsoft demande d’attendre {seconds} secondes avant la prochaine vérification.',
  embeddedStoreCorrupt:
    'Les données de connexion conservées dans ce navigateur sont endommagées et illisibles : réessayer n’y changera rien. Réinitialisez le stockage intégré pour repartir de zéro.',
  resetEmbeddedStore: 'Réinitialiser le stockage intégré',
  resetEmbeddedStoreTitle: 'Réinitialiser le stockage intégré ?',
  resetEmbeddedStoreBody:
    'La connexion et le journal d’audit conservés dans ce navigateur sont définitivement effacés, puis la console reprend au choix du type de locataire. Rien n’est modifié dans Microsoft Entra ID ni dans Intune.',
  resetEmbeddedStoreConfirm: 'Réinitialiser le stockage intégré',
  errorPrefix: 'Erreur :',
  loadFailedTitle: 'La connexion n’a pas pu être chargée',
  verificationFailedTitle: 'Le consentement n’a pas pu être vérifié',
  saveFailedTitle: 'Les modifications n’ont pas été enregistrées',
  disconnectFailedTitle: 'Le compte n’a pas été déconnecté',
  healthLoadFailedTitle: 'L’état vu par Intune n’a pas pu être chargé',
  closeDialog: 'Fermer',
  adapterAttributeTitle: 'Cette console n’est pas reliée à son serveur',
  adapterAttributeText:
    'L’adaptateur a été fourni comme attribut HTML, qui ne peut pas le transmettre : rien n’a été chargé ni enregistré. Les développeurs de la console doivent renseigner la propriété adapter (element.adapter = …).',
  consentLinkUnavailableTitle: 'Le lien de consentement n’est pas disponible',
  confirmHint: 'Cochez « {label} » pour confirmer.',
  consentLinkField: 'Lien de consentement',
  addAzureAccount: 'Ajouter un compte Azure',
  connectFailedTitle: 'Le compte n’a pas été connecté',
  errors: {
    'consent-missing':
      'Microsoft n’indique aucun consentement à cette application dans le locataire : il n’a jamais été donné, ou il a été retiré. Un administrateur du locataire doit ouvrir le lien de consentement et cliquer sur Accepter.',
    'consent-declined':
      'L’administrateur a refusé le consentement (AADSTS65004). Ouvrez de nouveau le lien et cliquez sur Accepter.',
    'app-not-found':
      'L’application n’est pas inscrite dans ce cloud (AADSTS700016). Vérifiez le type de locataire : Standard ou GCC High.',
    'permissions-missing':
      'Le consentement est donné, mais sans ces autorisations : {permissions}. Un administrateur du locataire doit consentir à nouveau pour les accorder (c’est ainsi que macOS s’ajoute).',
    'vendor-credentials':
      'Microsoft a refusé la connexion de cette console : son certificat ou son secret est erroné ou expiré. L’administrateur du locataire n’y peut rien ; l’exploitant de la console doit renouveler les identifiants de l’application.',
    throttled:
      'Microsoft limite les demandes pour le moment. Rien n’a été enregistré ; vérifiez à nouveau dans un instant.',
    'microsoft-unavailable':
      'Le service de connexion de Microsoft est injoignable ou n’a pas répondu à temps. Rien n’a été enregistré ; réessayez dans un instant.',
    'microsoft-malformed':
      'Microsoft a envoyé une réponse illisible pour le serveur. Rien n’a été enregistré ; réessayez, et contactez le support si cela se reproduit.',
    'tenant-not-found':
      'Microsoft ne trouve pas ce locataire (AADSTS90002). Vérifiez l’ID locataire Azure.',
    'wrong-cloud':
      'Ce locataire appartient à un autre cloud Microsoft (AADSTS90038). Choisissez l’autre type de locataire et connectez-vous de nouveau.',
    'resource-not-found':
      'Un service nécessaire à l’application manque dans ce locataire (AADSTS500011). Demandez à votre fournisseur de vérifier l’inscription de l’application.',
    'admin-consent-required':
      'Un administrateur doit donner son consentement (AADSTS90094). Connectez-vous avec un compte Administrateur de rôle privilégié ou Administrateur général.',
    'tenant-malformed':
      'Microsoft n’a pas pu lire l’identifiant du locataire (AADSTS900023). Vérifiez l’ID locataire Azure.',
    'consent-error':
      'Microsoft a signalé une erreur pendant le consentement. Ouvrez le lien de consentement et réessayez.',
    'access-denied':
      'Le consentement a été annulé sur la page de Microsoft. Ouvrez de nouveau le lien et cliquez sur Accepter.',
    'state-mismatch':
      'Une réponse de Microsoft n’appartenait pas à cette tentative de connexion (ancienne ou falsifiée) et a été ignorée.',
    'state-replayed':
      'Une réponse de Microsoft a été reçue de nouveau pour une tentative de connexion déjà utilisée et a été ignorée.',
    'state-stale':
      'Une réponse de Microsoft appartenait à une tentative de connexion ancienne ou expirée et a été ignorée. Utilisez le lien de consentement le plus récent.',
    'tenant-mismatch':
      'Le consentement a été donné dans un autre locataire que celui saisi. Vérifiez l’ID locataire Azure.',
    'not-granted':
      'Microsoft n’a pas indiqué que le consentement a été donné. Ouvrez le lien et cliquez sur Accepter.',
    'not-verified':
      'Le consentement n’est pas encore visible. Il peut falloir une trentaine de secondes ; confirmez de nouveau dans un instant.',
    network: 'La console ne joint pas son serveur. Vérifiez la connexion réseau, puis réessayez.',
    timeout: 'Le serveur a mis trop de temps à répondre. Réessayez.',
    aborted: 'La demande a été annulée.',
    'malformed-response':
      'Le serveur a envoyé une réponse illisible pour la console. Réessayez ou contactez le support.',
    conflict:
      'La connexion a été modifiée ailleurs (autre onglet ou autre administrateur). Rien n’a été écrasé : annulez pour charger la dernière version, puis modifiez de nouveau.',
    'not-connected': 'Aucun locataire n’est plus connecté. Rechargez la page.',
    unauthorized: 'Votre session a expiré ; reconnectez-vous.',
    forbidden:
      'Votre compte n’est pas autorisé à modifier cette connexion. Adressez-vous à un administrateur de cette console.',
    unavailable: 'Le serveur est momentanément indisponible. Réessayez dans quelques secondes.',
    'invalid-request':
      'Le serveur a refusé la demande comme non valide. Rechargez la page ; si cela se reproduit, contactez le support.',
    adapter: 'La demande a échoué. Réessayez.',
  },
  fieldErrors: {
    'tenant-required': 'Saisissez l’ID locataire Azure.',
    'tenant-multi':
      '« common », « organizations » et « consumers » désignent plusieurs locataires. Saisissez l’ID locataire de votre organisation.',
    'tenant-nil':
      'Le GUID composé de zéros n’est pas un locataire. Copiez l’ID depuis le centre d’administration Entra.',
    'tenant-personal':
      'Il s’agit du locataire des comptes Microsoft personnels. Saisissez l’ID locataire de votre organisation.',
    'tenant-too-long':
      'C’est trop long pour un ID locataire ou un nom de domaine (253 caractères au plus).',
    'tenant-invalid':
      'Saisissez un GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) ou un domaine comme contoso.onmicrosoft.com.',
    'url-not-https': 'Utilisez une adresse HTTPS commençant par https://.',
    'url-invalid': 'Cette adresse web n’est pas valide.',
    'url-credentials': 'Retirez le nom d’utilisateur et le mot de passe de l’adresse.',
    'url-whitespace': 'Une adresse web ne peut pas contenir d’espaces.',
    'url-too-long': 'Utilisez une adresse de 2048 caractères au plus.',
    'url-idn':
      'Saisissez le domaine en lettres latines (les accents sont acceptés), ou écrivez un domaine international sous sa forme xn--, par exemple xn--r8jz45g.jp.',
  },
};
