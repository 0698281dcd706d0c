namespace ComplaintFlow.Core.Desk;

/// <summary>A signed-in member of the complaints desk, as the identity provider names them.</summary>
public sealed record StaffMember(string Id, string Name, bool IsSupervisor)
{
    /// <summary>The language the portal speaks to them in (validation messages).</summary>
    public string Language { get; init; } = Complaints.SupportedLanguages.English;
}

/// <summary>App roles assigned in Entra ID and carried in the App Service principal.</summary>
public static class StaffRoles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
}
