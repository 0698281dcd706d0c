// ComplaintFlow on Azure: the function app (.NET 10 isolated worker) on a Flex Consumption plan, or Elastic Premium
// where Flex is not offered; one storage account for complaints (tables), stage queues, raw inbound payloads and the
// deployed package (blobs); Key Vault for provider keys; Application Insights; and one user-assigned identity
// holding the only permissions. See docs/deploy.md.
targetScope = 'resourceGroup'

@description('Name of the azd environment (e.g. dev, prod); part of every resource name through resourceToken.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Principal id of the person deploying (azd sets it): may set Key Vault secret versions to rotate keys.')
param principalId string = ''

@description('Hosting plan: FlexConsumption (scales to zero, keyless deployment) or ElasticPremium for regions without Flex Consumption.')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string = 'FlexConsumption'

@description('Flex Consumption: most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Flex Consumption: memory of each instance in MB (512 = 0.25 vCPU, 2048 = 1 vCPU, 4096 = 2 vCPU).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Flex Consumption: instances kept warm for the HTTP functions, so the form and the provider webhooks never wait on a cold start; 0 lets them scale to zero.')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 1

@description('Elastic Premium: size of the plan.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param elasticPremiumSku string = 'EP1'

@description('Elastic Premium: most instances the plan scales out to.')
@minValue(1)
@maxValue(100)
param elasticPremiumMaximumInstanceCount int = 3

@description('Public base URL used in links sent to customers; empty means the function app\'s own https address.')
param publicBaseUrl string = ''

@description('Sender address of notices; must be a verified SendGrid sender.')
param notifyFromEmail string

@description('Sender name of notices.')
param notifyFromName string = 'ComplaintFlow'

@description('IANA time zone dates in notices are written in.')
param notifyTimeZone string = 'Asia/Shanghai'

@description('IANA time zone the staff desk writes its dates in (named in each date).')
param deskTimeZone string = 'Asia/Shanghai'

@description('Domain of the Message-IDs of our emails (replies thread back on them); usually the sender\'s domain.')
param notifyMessageIdDomain string

@description('Region (ISO 3166 alpha-2) of phone numbers written without a country code.')
@minLength(2)
@maxLength(2)
param defaultPhoneRegion string = 'CN'

@description('Twilio Account SID (not a secret; empty until SMS is set up).')
param twilioAccountSid string = ''

@description('Twilio sending number in E.164 form (empty until SMS is set up).')
param twilioFromNumber string = ''

@description('Twilio Messaging Service SID (MG...): sends from the service\'s number pool instead of twilioFromNumber; empty to use the number.')
param twilioMessagingServiceSid string = ''

@description('Name that opens every text we send (at most 20 characters).')
@maxLength(20)
param smsSenderName string = 'ComplaintFlow'

@description('Whether the SMS provider\'s own keyword handling (Twilio default opt-out handling or Advanced Opt-Out) is on: it then answers STOP, START and HELP, and the app answers only the words it does not know. See docs/intake.md.')
param smsProviderAnswersKeywords bool = true

@description('SendGrid API key; stored in Key Vault only. Empty keeps the secret already there.')
@secure()
param sendGridApiKey string = ''

@description('SendGrid Event Webhook verification key (base64 ECDSA public key from Mail Settings); kept in Key Vault with the other webhook keys. Empty keeps the one already there; with none, delivery events are refused.')
@secure()
param sendGridEventWebhookPublicKey string = ''

@description('Twilio auth token; stored in Key Vault only. Empty keeps the secret already there.')
@secure()
param twilioAuthToken string = ''

@description('Shared secret in the SendGrid Inbound Parse webhook URL (?key=...); stored in Key Vault only. No default: azd generates it once (scripts/generate-secrets.sh, 32+ characters) and keeps it in the environment. Empty: the webhook refuses every post (503), it never opens.')
@secure()
param inboundEmailWebhookSecret string

@description('Inbound-parse address replies may go to (e.g. complaints@parse.example.com): customer notices carry a Reply-To of it with a signed per-complaint tag. Empty: no Reply-To, and only the contact\'s own mailbox may reply.')
param notifyReplyAddress string = ''

@description('Secret the per-complaint reply tokens are signed with; stored in Key Vault only. No default: azd generates it once (scripts/generate-secrets.sh, 32+ characters). Empty: notices carry no Reply-To and only the contact\'s own mailbox may reply.')
@secure()
param notifyReplyTokenKey string

@description('Key-encryption key that wrapped the data-protection key ring before the Key Vault key did (base64 of 32 bytes), still needed to read the keys it wrapped until they expire (90 days); stored in Key Vault only. Empty (new environments): none, the Key Vault key wraps every key.')
@secure()
param dataProtectionKeyEncryptionKey string = ''

@description('Key-encryption keys rotated out (base64, comma-separated), still needed to read the keys they wrapped; stored in Key Vault only. Empty: none (scripts/generate-secrets.sh --rotate-data-protection-kek moves the current key here).')
@secure()
param dataProtectionPreviousKeyEncryptionKeys string = ''
@description('Secret the one-time codes (texted so SMS-only customers can read their written resolution online) are derived and hashed with; stored in Key Vault only. No default: azd generates it once (scripts/generate-secrets.sh, 32+ characters). Empty: no codes are sent and the resolution page cannot be opened.')
@secure()
param smsAccessCodeKey string

@description('Status lookups one client IP address may make per rate-limit window (per instance).')
@minValue(1)
param statusRateLimitPerClient int = 60

@description('Status lookups of one complaint reference per rate-limit window, from any address (per instance).')
@minValue(1)
param statusRateLimitPerReference int = 20

@description('Secret the ACS Event Grid subscription URL carries (/api/inbound/sms/acs?key=...); stored in Key Vault only. Empty keeps the secret already there.')
@secure()
param acsWebhookKey string = ''

@description('Endpoint of the Communication Services resource that owns our ACS SMS number (https://<name>.communication.azure.com); empty: texts all go through Twilio.')
param acsEndpoint string = ''

@description('Access key of that Communication Services resource (signs ACS SMS requests); stored in Key Vault only. Empty keeps the secret already there.')
@secure()
param acsAccessKey string = ''

@description('Our ACS SMS number (E.164): customers who text it are answered from it through ACS. Required with acsEndpoint.')
param acsFromNumber string = ''

@description('Complaints one client IP address may submit through the public form per rate-limit window (per instance).')
@minValue(1)
param intakeRateLimitPerIp int = 20

@description('Complaints one contact (email or phone) may submit through the public form per rate-limit window (per instance).')
@minValue(1)
param intakeRateLimitPerContact int = 5

@description('Deploy an Azure AI Language account for sentiment; without it the app uses its built-in lexicon analyzer.')
param deployLanguage bool = false

@description('Pricing tier of the Language account (F0 free: one per subscription).')
@allowed([
  'F0'
  'S'
])
param languageSku string = 'S'

@description('Client id of the Entra ID app registration for staff sign-in; empty leaves the portal without sign-in.')
param authClientId string = ''

@description('Entra ID tenant of that app registration.')
param authTenantId string = tenant().tenantId

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

// The storage names the app uses (QueueNames, TableNames, ContainerNames in the source; a deploy test compares them).
var queueNames = [
  'complaints-intake'
  'complaints-intake-poison'
  'notifications'
  'notifications-poison'
  'sms-media'
  'sms-media-poison'
  'incidents'
  'incidents-poison'
]
var tableNames = [
  'Complaints'
  'Deadlines'
  'Contacts'
  'SmsOptOuts'
  'EmailSuppressions'
  'SmsThreads'
  'Calendars'
  'CompensationApprovals'
  'ContactFlags'
  'Staff'
  'SearchIndex'
  'Incidents'
]
var containerNames = [
  'raw-inbound'
  'claim-checks'
  'reports'
  'models'
]
// Flex Consumption deploys from this container (functionAppConfig.deployment); the app itself never reads it.
var deploymentContainerName = 'app-package'

var functionAppName = '${abbrs.webSitesFunctions}${resourceToken}'
var identityName = '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
var secretNames = {
  sendGridApiKey: 'sendgrid-api-key'
  sendGridEventWebhookPublicKey: 'sendgrid-event-webhook-public-key'
  twilioAuthToken: 'twilio-auth-token'
  inboundEmailWebhookSecret: 'inbound-email-webhook-secret'
  notifyReplyTokenKey: 'notify-reply-token-key'
  acsWebhookKey: 'acs-webhook-key'
  acsAccessKey: 'acs-access-key'
  smsAccessCodeKey: 'sms-access-code-key'
  languageKey: 'language-key'
  dataProtectionKeyEncryptionKey: 'data-protection-kek'
  dataProtectionPreviousKeyEncryptionKeys: 'data-protection-kek-previous'
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    alertEmail: alertEmail
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    queueNames: queueNames
    tableNames: tableNames
    containerNames: hostingPlan == 'FlexConsumption' ? concat(containerNames, [deploymentContainerName]) : containerNames
    appPrincipalId: identity.outputs.principalId
    appIdentityName: identityName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    appIdentityName: identityName
    operatorPrincipalId: principalId
    secrets: {
      '${secretNames.sendGridApiKey}': sendGridApiKey
      '${secretNames.sendGridEventWebhookPublicKey}': sendGridEventWebhookPublicKey
      '${secretNames.twilioAuthToken}': twilioAuthToken
      '${secretNames.inboundEmailWebhookSecret}': inboundEmailWebhookSecret
      '${secretNames.notifyReplyTokenKey}': notifyReplyTokenKey
      '${secretNames.acsWebhookKey}': acsWebhookKey
      '${secretNames.dataProtectionKeyEncryptionKey}': dataProtectionKeyEncryptionKey
      '${secretNames.dataProtectionPreviousKeyEncryptionKeys}': dataProtectionPreviousKeyEncryptionKeys
      '${secretNames.acsAccessKey}': acsAccessKey
      '${secretNames.smsAccessCodeKey}': smsAccessCodeKey
    }
  }
}

module language 'modules/language.bicep' = if (deployLanguage) {
  name: 'language'
  params: {
    name: '${abbrs.cognitiveServicesTextAnalytics}${resourceToken}'
    location: location
    tags: tags
    sku: languageSku
    // The name, not the module output: the secret is created after the vault through the dependency below.
    keyVaultName: keyVaultName
    keySecretName: secretNames.languageKey
  }
}

// Versionless secret URIs: a new secret version is picked up without touching the app settings (docs/deploy.md).
func keyVaultReference(vaultUri string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName})'

// ComplaintFlow's own settings, the Azure side of local.settings.sample.json (a deploy test compares the keys).
@description('Language of warnings and escalations sent to staff.')
@allowed(['en', 'zh-Hans', 'zh-Hant'])
param staffLanguage string = 'en'

@description('NCRONTAB schedule (six fields, UTC) of the SLA sweep.')
param deadlineSweepSchedule string = '0 */1 * * * *'

@description('NCRONTAB schedule (six fields, UTC) of the daily business calendar coverage check (its warnings feed the calendar alert).')
param calendarCoverageSchedule string = '0 0 6 * * *'

@description('NCRONTAB schedule (six fields, UTC) of the pipeline health measurement (queue ages, poison and overdue counts) the on-call alerts read.')
param pipelineHealthSchedule string = '0 */1 * * * *'

@description('NCRONTAB schedule (six fields, UTC) of the weekly report check: each run sends the last complete desk week\'s report to the supervisors unless it already went (hourly, so a failed send is made good).')
param weeklyReportSchedule string = '0 5 * * * *'

@description('NCRONTAB schedule (six fields, UTC) of the category model retrain: it learns from resolved and corrected complaints and imported files, and replaces the current model only when it is not worse on a held-out share.')
param categoryRetrainSchedule string = '0 30 3 * * *'

@description('Email address of the people on call: the alert rules (stalled queues, poison messages, overdue rising, calendar running out) notify it through one action group.')
param alertEmail string

@description('Market the desk serves (ISO 3166 region): the deadline policy\'s profile rules choose that market\'s regulators (MIIT, NEA and 12315 in CN; Ofcom, Ofgem, FCA in GB; CFPB in US).')
@allowed([
  'CN'
  'GB'
  'US'
])
param deadlinesMarket string = 'CN'

@description('Time between escalation tiers once a deadline is breached (d.hh:mm:ss).')
param escalationInterval string = '04:00:00'

@description('Tier 2 of escalation: the team supervisors\' address.')
param teamSupervisorEmail string = 'complaints-supervisors@example.com'

@description('Tier 3 of escalation: the head of service.')
param headOfServiceEmail string = 'head-of-complaints@example.com'

// The address customers and providers reach the app at: links in notices, webhook URLs signed by providers.
var appBaseUrl = empty(publicBaseUrl) ? 'https://${functionAppName}.azurewebsites.net' : publicBaseUrl
var appSettings = {
  Auth__Mode: 'AppService'
  Telemetry__Console: 'false'
  ComplaintFlow__Storage__AccountName: storage.outputs.name
  // Empty in Azure, but set: queue triggers name their queue '%ComplaintFlow:Storage:NamePrefix%complaints-intake',
  // and the host refuses to index a function whose %setting% does not exist.
  ComplaintFlow__Storage__NamePrefix: ''
  ComplaintFlow__Storage__ClientId: identity.outputs.clientId
  ComplaintFlow__Storage__CreateIfMissing: 'false'
  ComplaintFlow__Storage__NetworkTimeout: '00:00:30'
  ComplaintFlow__Intake__PublicBaseUrl: appBaseUrl
  ComplaintFlow__Intake__MaxTextLength: '10000'
  ComplaintFlow__Intake__MaxBodyBytes: '65536'
  ComplaintFlow__Intake__DefaultPhoneRegion: defaultPhoneRegion
  ComplaintFlow__Intake__RateLimit__PerIp: string(intakeRateLimitPerIp)
  ComplaintFlow__Intake__RateLimit__PerContact: string(intakeRateLimitPerContact)
  ComplaintFlow__Intake__RateLimit__Window: '01:00:00'
  ComplaintFlow__Intake__StatusRateLimit__PerClient: string(statusRateLimitPerClient)
  ComplaintFlow__Intake__StatusRateLimit__PerReference: string(statusRateLimitPerReference)
  ComplaintFlow__Intake__StatusRateLimit__Window: '01:00:00'
  ComplaintFlow__Notify__FromEmail: notifyFromEmail
  ComplaintFlow__Notify__FromName: notifyFromName
  ComplaintFlow__Notify__TimeZone: notifyTimeZone
  ComplaintFlow__Notify__MessageIdDomain: notifyMessageIdDomain
  ComplaintFlow__Notify__ClaimLease: '00:02:00'
  ComplaintFlow__Notify__ReplyAddress: notifyReplyAddress
  ComplaintFlow__Notify__ReplyTokenKey: keyVaultReference(keyVault.outputs.uri, secretNames.notifyReplyTokenKey)
  ComplaintFlow__SendGrid__ApiKey: keyVaultReference(keyVault.outputs.uri, secretNames.sendGridApiKey)
  ComplaintFlow__SendGrid__Timeout: '00:00:20'
  ComplaintFlow__SendGrid__EventWebhookPublicKey: keyVaultReference(keyVault.outputs.uri, secretNames.sendGridEventWebhookPublicKey)
  ComplaintFlow__Twilio__AccountSid: twilioAccountSid
  ComplaintFlow__Twilio__AuthToken: keyVaultReference(keyVault.outputs.uri, secretNames.twilioAuthToken)
  ComplaintFlow__Twilio__FromNumber: twilioFromNumber
  ComplaintFlow__Twilio__MessagingServiceSid: twilioMessagingServiceSid
  // Twilio posts each text's delivery status here (the notice's ids are added to the query when sending).
  ComplaintFlow__Twilio__StatusCallback: '${appBaseUrl}/api/inbound/sms/twilio/status'
  ComplaintFlow__Twilio__Timeout: '00:00:10'
  ComplaintFlow__Twilio__TotalTimeout: '00:01:00'
  ComplaintFlow__Twilio__MaxRetries: '3'
  ComplaintFlow__Twilio__RetryDelay: '00:00:01'
  ComplaintFlow__InboundEmail__WebhookKey: keyVaultReference(keyVault.outputs.uri, secretNames.inboundEmailWebhookSecret)
  ComplaintFlow__InboundEmail__MaxBodyBytes: '31457280'
  ComplaintFlow__InboundEmail__SpamScoreThreshold: '5.0'
  ComplaintFlow__InboundEmail__MaxAttachments: '20'
  ComplaintFlow__InboundEmail__MaxAttachmentBytes: '26214400'
  ComplaintFlow__Sms__SenderName: smsSenderName
  ComplaintFlow__Sms__MaxSegments: '3'
  ComplaintFlow__Sms__JoinWindow: '00:30:00'
  ComplaintFlow__Sms__ProviderAnswersKeywords: string(smsProviderAnswersKeywords)
  ComplaintFlow__Sms__AcsWebhookKey: keyVaultReference(keyVault.outputs.uri, secretNames.acsWebhookKey)
  // The Key Vault key that wraps every new data-protection key, used with the app's identity (Key Vault Crypto Service
  // Encryption User on that key, modules/keyvault.bicep); docs/security.md, "Keys at rest".
  ComplaintFlow__DataProtection__KeyVaultKeyId: keyVault.outputs.dataProtectionKeyId
  ComplaintFlow__DataProtection__ClientId: identity.outputs.clientId
  // The secret key-encryption keys read keys they wrapped before the Key Vault key did. Only with a value: an
  // unresolved reference stays in the setting as text and the app refuses to start.
  ComplaintFlow__DataProtection__KeyEncryptionKey: empty(dataProtectionKeyEncryptionKey) ? '' : keyVaultReference(keyVault.outputs.uri, secretNames.dataProtectionKeyEncryptionKey)
  // Only with a value: the secret is not created when empty, and a reference to a missing secret would stop the app.
  ComplaintFlow__DataProtection__PreviousKeyEncryptionKeys: empty(dataProtectionPreviousKeyEncryptionKeys) ? '' : keyVaultReference(keyVault.outputs.uri, secretNames.dataProtectionPreviousKeyEncryptionKeys)
  ComplaintFlow__Acs__Endpoint: acsEndpoint
  ComplaintFlow__Acs__AccessKey: keyVaultReference(keyVault.outputs.uri, secretNames.acsAccessKey)
  ComplaintFlow__Acs__FromNumber: acsFromNumber
  ComplaintFlow__Acs__Timeout: '00:00:10'
  ComplaintFlow__Acs__TotalTimeout: '00:01:00'
  ComplaintFlow__Acs__MaxRetries: '3'
  ComplaintFlow__Acs__RetryDelay: '00:00:01'
  ComplaintFlow__Sms__ResolutionSegments: '3'
  ComplaintFlow__Sms__AccessCodeKey: keyVaultReference(keyVault.outputs.uri, secretNames.smsAccessCodeKey)
  ComplaintFlow__Sms__AccessCodeLifetime: '00:10:00'
  ComplaintFlow__Sms__AccessCodeAttempts: '5'
  ComplaintFlow__Sms__AccessCodesPerHour: '3'
  ComplaintFlow__Language__Endpoint: deployLanguage ? language!.outputs.endpoint : ''
  ComplaintFlow__Language__Key: deployLanguage ? keyVaultReference(keyVault.outputs.uri, secretNames.languageKey) : ''
  ComplaintFlow__Notify__StaffLanguage: staffLanguage
  DeadlineSweepSchedule: deadlineSweepSchedule
  CalendarCoverageSchedule: calendarCoverageSchedule
  PipelineHealthSchedule: pipelineHealthSchedule
  WeeklyReportSchedule: weeklyReportSchedule
  CategoryRetrainSchedule: categoryRetrainSchedule
  ComplaintFlow__Language__ClientId: ''
  ComplaintFlow__Language__Timeout: '00:00:10'
  ComplaintFlow__Triage__PolicyPath: ''
  ComplaintFlow__CategoryModel__RefreshInterval: '00:05:00'
  ComplaintFlow__CategoryModel__HoldOutShare: '0.2'
  ComplaintFlow__CategoryModel__MinimumExamples: '100'
  ComplaintFlow__CategoryModel__ExampleWindowDays: '730'
  ComplaintFlow__Portal__DueSoonHorizon: '08:00:00'
  ComplaintFlow__Portal__DissatisfiedAtOrBelow: '2'
  ComplaintFlow__Portal__MaxTextLength: '8000'
  ComplaintFlow__Portal__TimeZone: deskTimeZone
  // Compensation an agent or supervisor records on their own, per currency; above it a supervisor approves. Ceilings: the most anyone can record.
  ComplaintFlow__Portal__CompensationCeilings__CNY: '50000'
  ComplaintFlow__Portal__CompensationCeilings__HKD: '50000'
  ComplaintFlow__Portal__CompensationCeilings__MOP: '50000'
  ComplaintFlow__Portal__CompensationCeilings__TWD: '200000'
  ComplaintFlow__Portal__CompensationCeilings__GBP: '10000'
  ComplaintFlow__Portal__CompensationCeilings__USD: '12500'
  ComplaintFlow__Portal__CompensationCeilings__EUR: '10000'
  ComplaintFlow__Portal__CompensationLimits__agent__CNY: '1000'
  ComplaintFlow__Portal__CompensationLimits__agent__HKD: '1000'
  ComplaintFlow__Portal__CompensationLimits__agent__MOP: '1000'
  ComplaintFlow__Portal__CompensationLimits__agent__TWD: '4000'
  ComplaintFlow__Portal__CompensationLimits__agent__GBP: '200'
  ComplaintFlow__Portal__CompensationLimits__agent__USD: '250'
  ComplaintFlow__Portal__CompensationLimits__agent__EUR: '200'
  ComplaintFlow__Portal__CompensationLimits__supervisor__CNY: '10000'
  ComplaintFlow__Portal__CompensationLimits__supervisor__HKD: '10000'
  ComplaintFlow__Portal__CompensationLimits__supervisor__MOP: '10000'
  ComplaintFlow__Portal__CompensationLimits__supervisor__TWD: '40000'
  ComplaintFlow__Portal__CompensationLimits__supervisor__GBP: '2000'
  ComplaintFlow__Portal__CompensationLimits__supervisor__USD: '2500'
  ComplaintFlow__Portal__CompensationLimits__supervisor__EUR: '2000'
  ComplaintFlow__Deadlines__Market: deadlinesMarket
  ComplaintFlow__Deadlines__PolicyPath: ''
  ComplaintFlow__Deadlines__CalendarsPath: ''
  ComplaintFlow__Deadlines__WarningFraction: '0.75'
  ComplaintFlow__Deadlines__SweepHorizon: '14.00:00:00'
  ComplaintFlow__Deadlines__EscalationInterval: escalationInterval
  ComplaintFlow__Deadlines__TeamSupervisorEmail: teamSupervisorEmail
  ComplaintFlow__Deadlines__HeadOfServiceEmail: headOfServiceEmail
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    hostingPlan: hostingPlan
    location: location
    tags: tags
    azdServiceName: 'functions'
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    elasticPremiumSku: elasticPremiumSku
    elasticPremiumMaximumInstanceCount: elasticPremiumMaximumInstanceCount
    contentStorageName: '${abbrs.storageStorageAccountsFunctionContent}${resourceToken}'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    dataStorageName: storage.outputs.name
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${deploymentContainerName}'
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    appSettings: appSettings
    authClientId: authClientId
    authTenantId: authTenantId
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_FUNCTIONS_URI string = functionApp.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_LANGUAGE_ENDPOINT string = deployLanguage ? language!.outputs.endpoint : ''
