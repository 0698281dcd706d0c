using System.ComponentModel.DataAnnotations;

namespace ComplaintFlow.Functions.Auth;

public enum AuthMode
{
    /// <summary>App Service Authentication signs staff in and sets <c>X-MS-CLIENT-PRINCIPAL</c>; nothing else does.</summary>
    AppService,

    /// <summary>Local only: a sign-in page sets the same principal, so scripts and tests use the production path.</summary>
    Development,
}

/// <summary><c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    [EnumDataType(typeof(AuthMode))]
    public AuthMode Mode { get; set; } = AuthMode.AppService;
}
