using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// The data-protection key ring is wrapped at rest with a Key Vault key that Bicep creates and the app's identity may
/// wrap and unwrap with; the secret key-encryption key used before still reads what it wrapped where an environment
/// has one (docs/security.md, "Keys at rest").
/// </summary>
public sealed class KeyRingEncryptionDeployTests
{
    private const string SecretsUserRole = "4633458b-17de-408a-b874-0445c86b69e6";

    private const string CryptoServiceEncryptionUserRole = "e147488a-f6f5-4113-8e2d-b22465e65bf6";

    [Fact]
    public void The_key_ring_is_wrapped_by_a_Key_Vault_key_the_deployment_creates_and_only_the_app_may_wrap_and_unwrap_with()
    {
        var key = BicepSource.KeyVault.Declaration("dataProtectionKey");
        Assert.Contains("'Microsoft.KeyVault/vaults/keys@", key, StringComparison.Ordinal);
        Assert.Contains("kty: 'RSA'", key, StringComparison.Ordinal);
        Assert.Contains("keySize: 3072", key, StringComparison.Ordinal);
        Assert.Contains("keyOps: [ 'wrapKey', 'unwrapKey' ]", key, StringComparison.Ordinal);
        Assert.Contains("action: { type: 'rotate' }", key, StringComparison.Ordinal);

        // The role is on the key itself, for the app's identity, and lets it wrap and unwrap only.
        var role = BicepSource.KeyVault.Declaration("appKeyUser");
        Assert.Contains("scope: dataProtectionKey", role, StringComparison.Ordinal);
        Assert.Contains("principalId: appPrincipalId", role, StringComparison.Ordinal);
        Assert.Contains("roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cryptoServiceEncryptionUserRole)", role, StringComparison.Ordinal);
        Assert.Equal($"var cryptoServiceEncryptionUserRole = '{CryptoServiceEncryptionUserRole}'",
            Regex.Match(BicepSource.KeyVault.Text, "^var cryptoServiceEncryptionUserRole = .*$", RegexOptions.Multiline).Value.TrimEnd());

        // The app is given the versionless key id and the identity to call Key Vault with.
        Assert.Contains("output dataProtectionKeyId string = dataProtectionKey.properties.keyUri", BicepSource.KeyVault.Text, StringComparison.Ordinal);
        Assert.Equal("keyVault.outputs.dataProtectionKeyId", BicepAppSettings.Common["ComplaintFlow__DataProtection__KeyVaultKeyId"]);
        Assert.Equal("identity.outputs.clientId", BicepAppSettings.Common["ComplaintFlow__DataProtection__ClientId"]);
    }

    [Fact]
    public void The_secret_key_encryption_key_used_before_is_referenced_only_when_an_environment_still_has_one()
    {
        var secretNames = BicepSource.Main.ObjectEntries("secretNames");

        Assert.Equal(
            "empty(dataProtectionKeyEncryptionKey) ? '' : keyVaultReference(keyVault.outputs.uri, secretNames.dataProtectionKeyEncryptionKey)",
            BicepAppSettings.Common["ComplaintFlow__DataProtection__KeyEncryptionKey"]);
        Assert.Equal("'data-protection-kek'", secretNames["dataProtectionKeyEncryptionKey"]);
        Assert.Matches(@"@secure\(\)\s*\nparam dataProtectionKeyEncryptionKey string = ''$", BicepSource.Main.Parameter("dataProtectionKeyEncryptionKey"));
        Assert.Contains("param dataProtectionKeyEncryptionKey = readEnvironmentVariable('DATA_PROTECTION_KEK', '')",
            Repository.Read("infra-bicep", "main.bicepparam"), StringComparison.Ordinal);
        Assert.DoesNotContain("azd env set DATA_PROTECTION_KEK", Repository.Read("scripts", "generate-secrets.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void Previous_keys_are_referenced_only_when_there_are_some_so_a_missing_secret_never_stops_the_app()
    {
        var setting = BicepAppSettings.Common["ComplaintFlow__DataProtection__PreviousKeyEncryptionKeys"];

        Assert.Equal(
            "empty(dataProtectionPreviousKeyEncryptionKeys) ? '' : keyVaultReference(keyVault.outputs.uri, secretNames.dataProtectionPreviousKeyEncryptionKeys)",
            setting);
        Assert.Contains("'${secretNames.dataProtectionPreviousKeyEncryptionKeys}': dataProtectionPreviousKeyEncryptionKeys",
            BicepSource.Main.Declaration("keyVault"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_function_apps_identity_holds_Key_Vault_Secrets_User_on_the_vault_and_resolves_the_references_with_it()
    {
        // The role on the vault, to the principal the module is given...
        var assignment = BicepSource.KeyVault.Declaration("appSecretsUser");
        Assert.Contains("scope: vault", assignment, StringComparison.Ordinal);
        Assert.Contains("principalId: appPrincipalId", assignment, StringComparison.Ordinal);
        Assert.Contains("roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRole)", assignment, StringComparison.Ordinal);
        Assert.Equal($"var secretsUserRole = '{SecretsUserRole}'", Regex.Match(BicepSource.KeyVault.Text, "^var secretsUserRole = .*$", RegexOptions.Multiline).Value.TrimEnd());

        // ...which is the user-assigned identity of the function app, the one Key Vault references resolve with.
        Assert.Contains("appPrincipalId: identity.outputs.principalId", BicepSource.Main.Declaration("keyVault"), StringComparison.Ordinal);
        Assert.Contains("identityId: identity.outputs.id", BicepSource.Main.Declaration("functionApp"), StringComparison.Ordinal);
        Assert.Contains("keyVaultReferenceIdentity: identityId", BicepSource.FunctionApp.Text, StringComparison.Ordinal);
        Assert.Contains("userAssignedIdentities: { '${identityId}': {} }", BicepSource.FunctionApp.Text, StringComparison.Ordinal);
    }
}
