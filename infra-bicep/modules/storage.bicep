@description('Name of the storage account holding complaints, queues and raw inbound payloads.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the storage account.')
param location string

@description('Tags applied to the storage account.')
param tags object

@description('Queues to create (each stage queue and its -poison queue).')
param queueNames string[]

@description('Tables to create.')
param tableNames string[]

@description('Blob containers to create (the app\'s, and on Flex Consumption the one the deployed package goes to).')
param containerNames string[]

@description('Principal id of the managed identity that the app and the Functions host use.')
param appPrincipalId string

@description('Name of that identity: known before deployment, so role assignment names are stable (What-If can predict them).')
param appIdentityName string

@description('Days a deleted blob can be restored: raw inbound payloads are the "nothing is lost" record.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = 14

// Built-in role definition ids (the same in every tenant). Blob Data Owner, not Contributor: it is the role the
// Functions documentation names for an identity-based AzureWebJobsStorage and for Flex Consumption's deployment
// container. What it adds over Contributor (ACL and ownership management) concerns Data Lake accounts, not this one.
var roles = {
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    // Complaint data is reached only with Entra ID (the managed identity): no account keys, no SAS.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: blobSoftDeleteDays }
    containerDeleteRetentionPolicy: { enabled: true, days: blobSoftDeleteDays }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in containerNames: {
    parent: blobService
    name: container
    properties: { publicAccess: 'None' }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queue in queueNames: {
    parent: queueService
    name: queue
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for table in tableNames: {
    parent: tableService
    name: table
  }
]

// Least privilege: data-plane roles on this account only, none of the management (key listing) roles.
resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    scope: storage
    name: guid(storage.id, appIdentityName, role.value)
    properties: {
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    }
  }
]

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
