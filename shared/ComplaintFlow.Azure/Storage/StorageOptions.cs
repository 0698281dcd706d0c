using System.ComponentModel.DataAnnotations;

namespace ComplaintFlow.Azure.Storage;

/// <summary>
/// <c>ComplaintFlow:Storage</c>. Locally a connection string (Azurite); in Azure the account name and the
/// user-assigned managed identity's client id (no keys).
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "ComplaintFlow:Storage";

    public string? ConnectionString { get; set; }
    public string? AccountName { get; set; }

    /// <summary>Client id of the user-assigned managed identity; null uses the default credential chain.</summary>
    public string? ClientId { get; set; }

    /// <summary>Put in front of every table, queue and container name; lets tests share one emulator.</summary>
    [RegularExpression("^([a-z][a-z0-9]{0,15})?$")]
    public string NamePrefix { get; set; } = string.Empty;

    /// <summary>
    /// How long one storage request may take before it is abandoned and retried; a stalled connection costs this much.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Create tables, queues and containers at start (locally; Bicep creates them in Azure).</summary>
    public bool CreateIfMissing { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(AccountName))
        {
            yield return new ValidationResult(
                $"Set {Section}:ConnectionString (local) or {Section}:AccountName (Azure, managed identity).",
                [nameof(ConnectionString), nameof(AccountName)]);
        }
    }

    public string Queue(string name) => NamePrefix + name;
    public string Table(string name) => NamePrefix + name;
    public string Container(string name) => string.IsNullOrEmpty(NamePrefix) ? name : $"{NamePrefix}-{name}";
}

/// <summary>Storage names the app uses; Bicep declares the same ones (a deploy test compares them).</summary>
public static class TableNames
{
    public const string Complaints = "Complaints";
    public const string Deadlines = "Deadlines";
    public const string Contacts = "Contacts";
    public const string SmsOptOuts = "SmsOptOuts";
    public const string SmsThreads = "SmsThreads";

    /// <summary>Email addresses that bounced hard or reported spam: no more email notices to them.</summary>
    public const string EmailSuppressions = "EmailSuppressions";
    public const string Calendars = "Calendars";

    /// <summary>Complaints with a compensation awaiting a supervisor's approval (the supervisors' work list).</summary>
    public const string CompensationApprovals = "CompensationApprovals";

    /// <summary>Staff seen signing in to the desk (who complaints can be assigned to).</summary>
    public const string Staff = "Staff";

    /// <summary>The desk's search index: one row per term and complaint, partitioned by the complaint's shard (TableSearchIndex).</summary>
    public const string SearchIndex = "SearchIndex";

    /// <summary>Supervisors' flags on difficult contacts, under each hashed identity of the contact.</summary>
    public const string ContactFlags = "ContactFlags";

    /// <summary>Incidents (outages many complain about) and the index of the complaints linked to each.</summary>
    public const string Incidents = "Incidents";
}

public static class ContainerNames
{
    public const string RawInbound = "raw-inbound";
    public const string ClaimChecks = "claim-checks";

    /// <summary>The weekly reports sent to supervisors, kept as CSV with the record of whom each went to.</summary>
    public const string Reports = "reports";

    /// <summary>The category model's versions, the pointer to the current one, imported labelled files and retrain runs.</summary>
    public const string Models = "models";
}
