using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// The data-protection key ring is wrapped at rest with a key-encryption key that Bicep keeps in Key Vault and hands
/// to the app as a Key Vault reference, which the app's identity may read (docs/security.md, "Keys at rest").
/// </summary>
public sealed class KeyRingEncryptionDeployTests
{
    private const string SecretsUserRole = "4633458b-17de-408a-b874-0445c86b69e6";

    [Fact]
    public void The_key_encryption_key_is_a_Key_Vault_reference_to_a_secret_the_deployment_writes()
    {
        var secretNames = BicepSource.Main.ObjectEntries("secretNames");
        var setting = BicepAppSettings.Common["ComplaintFlow__DataProtection__KeyEncryptionKey"];

        Assert.Equal("keyVaultReference(keyVault.outputs.uri, secretNames.dataProtectionKeyEncryptionKey)", setting);
        Assert.Equal("'data-protection-kek'", secretNames["dataProtectionKeyEncryptionKey"]);
        Assert.Contains("'${secretNames.dataProtectionKeyEncryptionKey}': dataProtectionKeyEncryptionKey",
            BicepSource.Main.Declaration("keyVault"), StringComparison.Ordinal);
        // Secure and without a default: the value comes from the azd environment, where the hook generated it.
        Assert.Matches(@"@secure\(\)\s*\nparam dataProtectionKeyEncryptionKey string$", BicepSource.Main.Parameter("dataProtectionKeyEncryptionKey"));
        Assert.Contains("param dataProtectionKeyEncryptionKey = readEnvironmentVariable('DATA_PROTECTION_KEK', '')",
            Repository.Read("infra-bicep", "main.bicepparam"), StringComparison.Ordinal);
        Assert.Contains("azd env set DATA_PROTECTION_KEK", Repository.Read("scripts", "generate-secrets.sh"), StringComparison.Ordinal);
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
