@description('Name of the function app.')
param name string

@description('Name of the Elastic Premium plan.')
param planName string

@description('Name of the storage account that holds only the Functions content share (the deployed code).')
@minLength(3)
@maxLength(24)
param contentStorageName string

@description('Azure region of the function app.')
param location string

@description('Tags applied to every resource; the site also gets azd-service-name.')
param tags object

@description('Service name in azure.yaml that azd deploys to this site.')
param azdServiceName string

@description('Elastic Premium size: EP1 (1 vCPU, 3.5 GB) is enough for the pipeline; EP2/EP3 for heavy load.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param sku string = 'EP1'

@description('Most instances the plan scales out to.')
@minValue(1)
@maxValue(100)
param maximumElasticWorkerCount int = 3

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity (identity-based connections and Key Vault references use it).')
param identityClientId string

@description('Name of the storage account with the queues, tables and blobs (AzureWebJobsStorage, identity-based).')
param dataStorageName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('App settings of ComplaintFlow itself (Key Vault references for secrets), merged over the host settings.')
param appSettings object

@description('Client id of the Entra ID app registration that signs staff in to the portal; empty leaves sign-in unconfigured.')
param authClientId string

@description('Entra ID tenant of that app registration.')
param authTenantId string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'elastic'
  sku: {
    tier: 'ElasticPremium'
    name: sku
  }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: maximumElasticWorkerCount
  }
}

// Elastic Premium mounts the app's files from an Azure Files share, and Azure Files mounts accept only an account key.
// That key lives on this separate account, which holds nothing but the deployed code: the account with complaint data
// keeps shared-key access disabled.
resource contentStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
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

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = {
  parent: contentStorage
  name: 'default'
}

resource contentShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  parent: fileService
  name: toLower(name)
  properties: { shareQuota: 5 }
}

var contentConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${contentStorage.name};EndpointSuffix=${environment().suffixes.storage};AccountKey=${contentStorage.listKeys().keys[0].value}'

// What the Functions host itself needs. The host reaches queues (triggers), blobs (locks, keys) with the managed
// identity: AzureWebJobsStorage__* is an identity-based connection, no connection string.
var hostSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'custom'
  AzureWebJobsStorage__accountName: dataStorageName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  WEBSITE_CONTENTAZUREFILECONNECTIONSTRING: contentConnectionString
  WEBSITE_CONTENTSHARE: contentShare.name
  // Run the deployed zip as is (mounted read-only): no build on the server, the zip's file modes are kept.
  WEBSITE_RUN_FROM_PACKAGE: '1'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  // App Service Authentication signs staff in with the managed identity as a federated credential: no client secret.
  OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: identityClientId
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
    siteConfig: {
      // Custom handler on Linux: no language stack image setting; the app ships its own .NET runtime (self-contained).
      linuxFxVersion: ''
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      minimumElasticInstanceCount: 1
      appSettings: map(items(union(hostSettings, appSettings)), setting => { name: setting.key, value: setting.value })
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
