@description('Name (and custom subdomain) of the Azure AI Language account.')
param name string

@description('Azure region of the Language account.')
param location string

@description('Tags applied to the Language account.')
param tags object

@description('Pricing tier: F0 is free (one per subscription, 5,000 text records a month), S is pay per 1,000 text records.')
@allowed([
  'F0'
  'S'
])
param sku string = 'S'

@description('Key Vault that receives the account key.')
param keyVaultName string

@description('Name of the Key Vault secret that holds the account key.')
param keySecretName string

resource language 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'TextAnalytics'
  sku: { name: sku }
  properties: {
    customSubDomainName: name
    publicNetworkAccess: 'Enabled'
    // The app's Language client authenticates with the key (Ocp-Apim-Subscription-Key), read from Key Vault.
    disableLocalAuth: false
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// The key goes straight from the account into Key Vault: it never appears in a parameter or an output.
resource keySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: keySecretName
  properties: {
    value: language.listKeys().key1
    contentType: 'text/plain'
  }
}

output endpoint string = language.properties.endpoint
output name string = language.name
