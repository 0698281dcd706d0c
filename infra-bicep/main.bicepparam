// Safe defaults for `azd up` and `az deployment group create`. No secret is written here: the secure parameters
// are read from the environment (azd env set NAME value, or export NAME=value) and go only to Key Vault.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'complaintflow')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')

// Flex Consumption unless the region lacks it (docs/deploy.md): azd env set COMPLAINTFLOW_HOSTING_PLAN ElasticPremium
param hostingPlan = readEnvironmentVariable('COMPLAINTFLOW_HOSTING_PLAN', 'FlexConsumption')
param maximumInstanceCount = int(readEnvironmentVariable('COMPLAINTFLOW_MAX_INSTANCES', '40'))
// any(): a number read from the environment is checked against 512/2048/4096 by the deployment, not the compiler.
param instanceMemoryMB = any(int(readEnvironmentVariable('COMPLAINTFLOW_INSTANCE_MEMORY_MB', '2048')))
param alwaysReadyHttpInstances = int(readEnvironmentVariable('COMPLAINTFLOW_ALWAYS_READY_HTTP', '1'))
param elasticPremiumSku = 'EP1'
param elasticPremiumMaximumInstanceCount = 3
param publicBaseUrl = readEnvironmentVariable('COMPLAINTFLOW_PUBLIC_BASE_URL', '')

param notifyFromEmail = readEnvironmentVariable('COMPLAINTFLOW_FROM_EMAIL', 'complaints@example.com')
param notifyFromName = readEnvironmentVariable('COMPLAINTFLOW_FROM_NAME', 'ComplaintFlow')
param notifyTimeZone = readEnvironmentVariable('COMPLAINTFLOW_TIME_ZONE', 'Asia/Shanghai')
param notifyMessageIdDomain = readEnvironmentVariable('COMPLAINTFLOW_MESSAGE_ID_DOMAIN', 'example.com')
param defaultPhoneRegion = readEnvironmentVariable('COMPLAINTFLOW_PHONE_REGION', 'CN')
// Who is paged when the pipeline stalls, a message is poisoned or overdue complaints pile up (docs/reliability.md).
param alertEmail = readEnvironmentVariable('COMPLAINTFLOW_ALERT_EMAIL', 'complaints-oncall@example.com')

param twilioAccountSid = readEnvironmentVariable('TWILIO_ACCOUNT_SID', '')
param twilioFromNumber = readEnvironmentVariable('TWILIO_FROM_NUMBER', '')
param twilioMessagingServiceSid = readEnvironmentVariable('TWILIO_MESSAGING_SERVICE_SID', '')
param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY', '')
param sendGridEventWebhookPublicKey = readEnvironmentVariable('SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY', '')
param twilioAuthToken = readEnvironmentVariable('TWILIO_AUTH_TOKEN', '')
param inboundEmailWebhookSecret = readEnvironmentVariable('INBOUND_EMAIL_WEBHOOK_SECRET', '')
param acsWebhookKey = readEnvironmentVariable('ACS_WEBHOOK_KEY', '')
param acsEndpoint = readEnvironmentVariable('ACS_ENDPOINT', '')
param acsAccessKey = readEnvironmentVariable('ACS_ACCESS_KEY', '')
param acsFromNumber = readEnvironmentVariable('ACS_FROM_NUMBER', '')
// Required: azd's preprovision hook (scripts/generate-secrets.sh) generates these once when the environment lacks them.
param notifyReplyTokenKey = readEnvironmentVariable('NOTIFY_REPLY_TOKEN_KEY', '')
param dataProtectionKeyEncryptionKey = readEnvironmentVariable('DATA_PROTECTION_KEK', '')
param dataProtectionPreviousKeyEncryptionKeys = readEnvironmentVariable('DATA_PROTECTION_KEK_PREVIOUS', '')
param smsAccessCodeKey = readEnvironmentVariable('SMS_ACCESS_CODE_KEY', '')
param notifyReplyAddress = readEnvironmentVariable('COMPLAINTFLOW_REPLY_ADDRESS', '')

param deployLanguage = bool(readEnvironmentVariable('COMPLAINTFLOW_DEPLOY_LANGUAGE', 'false'))
param languageSku = 'S'

param authClientId = readEnvironmentVariable('AZURE_AUTH_CLIENT_ID', '')
