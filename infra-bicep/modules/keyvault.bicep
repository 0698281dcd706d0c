@description('Name of the Key Vault.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the Key Vault.')
param location string

@description('Tags applied to the Key Vault.')
param tags object

@description('Principal id of the managed identity that resolves Key Vault references.')
param appPrincipalId string

@description('Name of that identity: known before deployment, so role assignment names are stable (What-If can predict them).')
param appIdentityName string

@description('Optional principal id of the person deploying (azd sets AZURE_PRINCIPAL_ID), allowed to set secret versions when rotating keys.')
param operatorPrincipalId string = ''

@description('Secrets to create, name to value. An empty value is skipped, so a redeploy never overwrites a rotated secret with nothing.')
@secure()
param secrets object

@description('Name of the RSA key that wraps the data-protection key ring (docs/security.md, "Keys at rest").')
param dataProtectionKeyName string = 'data-protection'

var secretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
// Key Vault Crypto Service Encryption User: read a key's public part, wrap and unwrap with it; nothing else.
var cryptoServiceEncryptionUserRole = 'e147488a-f6f5-4113-8e2d-b22465e65bf6'
var secretsOfficerRole = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    // Azure RBAC instead of access policies: the same role assignments model as storage, auditable in one place.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource secretValues 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for secret in items(secrets): if (!empty(secret.value)) {
    parent: vault
    name: secret.key
    properties: {
      value: secret.value
      contentType: 'text/plain'
    }
  }
]

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, appIdentityName, secretsUserRole)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRole)
  }
}

// The data-protection key ring's wrapping key: RSA 3072, usable only to wrap and unwrap, rotated yearly by Key Vault
// (the app wraps with the current version; each wrapped key records the version that unwraps it).
resource dataProtectionKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: dataProtectionKeyName
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: [ 'wrapKey', 'unwrapKey' ]
    rotationPolicy: {
      lifetimeActions: [
        {
          trigger: { timeAfterCreate: 'P1Y' }
          action: { type: 'rotate' }
        }
      ]
    }
  }
}

// On the key, not the vault: the app's identity may wrap and unwrap with this key and no other.
resource appKeyUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: dataProtectionKey
  name: guid(dataProtectionKey.id, appIdentityName, cryptoServiceEncryptionUserRole)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cryptoServiceEncryptionUserRole)
  }
}

resource operatorSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  scope: vault
  name: guid(vault.id, operatorPrincipalId, secretsOfficerRole)
  properties: {
    principalId: operatorPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficerRole)
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
@description('Versionless id of the data-protection key (https://{vault}.vault.azure.net/keys/{name}).')
output dataProtectionKeyId string = dataProtectionKey.properties.keyUri
