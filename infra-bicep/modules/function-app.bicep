@description('Name of the function app.')
param name string

@description('Name of the hosting plan.')
param planName string

@description('FlexConsumption (the default: scales to zero, keyless deployment) or ElasticPremium (for regions without Flex).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string = 'FlexConsumption'

@description('Azure region of the function app.')
param location string

@description('Tags applied to every resource; the site also gets azd-service-name.')
param tags object

@description('Service name in azure.yaml that azd deploys to this site.')
param azdServiceName string

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

@description('Flex Consumption: instances kept warm for the HTTP functions (form, status page, webhooks, desk); 0 lets them scale to zero.')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 1

@description('Elastic Premium: size of the plan. EP1 (1 vCPU, 3.5 GB) is enough for the pipeline; EP2/EP3 for heavy load.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param elasticPremiumSku string = 'EP1'

@description('Elastic Premium: most instances the plan scales out to (each one is billed while it runs).')
@minValue(1)
@maxValue(100)
param elasticPremiumMaximumInstanceCount int = 3

@description('Name of the storage account that holds only the Elastic Premium content share (unused on Flex Consumption).')
@minLength(3)
@maxLength(24)
param contentStorageName string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity (identity-based connections and Key Vault references use it).')
param identityClientId string

@description('Name of the storage account with the queues, tables and blobs (AzureWebJobsStorage, identity-based).')
param dataStorageName string

@description('Flex Consumption: URL of the blob container on the data storage account that holds the deployed package.')
param deploymentContainerUrl string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('App settings of ComplaintFlow itself (Key Vault references for secrets), merged over the host settings.')
param appSettings object

@description('Client id of the Entra ID app registration that signs staff in to the portal; empty leaves sign-in unconfigured.')
param authClientId string

@description('Entra ID tenant of that app registration.')
param authTenantId string

var isFlex = hostingPlan == 'FlexConsumption'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? { tier: 'FlexConsumption', name: 'FC1' } : { tier: 'ElasticPremium', name: elasticPremiumSku }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: isFlex ? null : elasticPremiumMaximumInstanceCount
  }
}

// Elastic Premium only: it mounts the app's files from an Azure Files share, and Azure Files mounts accept only an
// account key. That key lives on this separate account, which holds nothing but the deployed code: the account with
// complaint data keeps shared-key access disabled. Flex Consumption deploys to a blob container with the managed
// identity instead, so there this account does not exist.
resource contentStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = if (!isFlex) {
  name: contentStorageName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = if (!isFlex) {
  parent: contentStorage
  name: 'default'
}

resource contentShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = if (!isFlex) {
  parent: fileService
  name: toLower(name)
  properties: { shareQuota: 5 }
}

// What the Functions host itself needs on either plan. The host reaches queues (triggers) and blobs (locks, keys)
// with the managed identity: AzureWebJobsStorage__* is an identity-based connection, no connection string (Flex
// Consumption accepts nothing else).
var hostSettings = {
  AzureWebJobsStorage__accountName: dataStorageName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  // App Service Authentication signs staff in with the managed identity as a federated credential: no client secret.
  OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: identityClientId
}

// Elastic Premium only. Flex Consumption refuses these settings: its runtime and version are functionAppConfig.runtime,
// its code comes from functionAppConfig.deployment, and it has no content share.
var elasticPremiumSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  WEBSITE_CONTENTAZUREFILECONNECTIONSTRING: 'DefaultEndpointsProtocol=https;AccountName=${contentStorage.name};EndpointSuffix=${environment().suffixes.storage};AccountKey=${contentStorage!.listKeys().keys[0].value}'
  WEBSITE_CONTENTSHARE: contentShare.name
  // Run the deployed zip as is (mounted read-only): no build on the server.
  WEBSITE_RUN_FROM_PACKAGE: '1'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the user-assigned identity (the default would be a system identity).
    keyVaultReferenceIdentity: identityId
    functionAppConfig: isFlex
      ? {
          // Flex pulls the package from this container with the managed identity: no SAS, no account key.
          deployment: {
            storage: {
              type: 'blobContainer'
              value: deploymentContainerUrl
              authentication: {
                type: 'UserAssignedIdentity'
                userAssignedIdentityResourceId: identityId
              }
            }
          }
          runtime: {
            name: 'dotnet-isolated'
            version: '10.0'
          }
          scaleAndConcurrency: {
            maximumInstanceCount: maximumInstanceCount
            instanceMemoryMB: instanceMemoryMB
            // 'http' is every HTTP-triggered function: a customer on the form, SendGrid's Inbound Parse and Twilio's
            // webhook (which gives up after 15 seconds) do not wait on a cold start. Queue and timer functions scale
            // from zero on their own. With 0 the list stays empty rather than naming the group with no instance.
            alwaysReady: alwaysReadyHttpInstances > 0
              ? [
                  {
                    name: 'http'
                    instanceCount: alwaysReadyHttpInstances
                  }
                ]
              : []
          }
        }
      : null
    siteConfig: {
      // Flex declares the stack in functionAppConfig.runtime and refuses linuxFxVersion.
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Elastic Premium: one instance always warm, for the same webhooks as Flex's always-ready instance.
      minimumElasticInstanceCount: isFlex ? null : 1
      appSettings: map(items(union(hostSettings, isFlex ? {} : elasticPremiumSettings, appSettings)), setting => {
        name: setting.key
        value: setting.value
      })
    }
  }
}

// Sign-in for the staff portal. Anonymous requests still pass (the complaint form, status page and provider webhooks
// are public); the app requires the platform's X-MS-CLIENT-PRINCIPAL on /portal and /api/portal (Auth:Mode=AppService)
// and sends staff to /.auth/login/aad. With the module on, the platform sets that header and drops any forged one.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: !empty(authClientId)
        registration: {
          clientId: authClientId
          clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: empty(authClientId) ? [] : ['api://${authClientId}']
        }
      }
    }
    login: {
      tokenStore: { enabled: true }
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output uri string = 'https://${site.properties.defaultHostName}'
