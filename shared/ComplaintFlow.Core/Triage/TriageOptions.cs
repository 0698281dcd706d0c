namespace ComplaintFlow.Core.Triage;

/// <summary><c>ComplaintFlow:Triage</c>.</summary>
public sealed class TriageOptions
{
    public const string Section = "ComplaintFlow:Triage";

    /// <summary>A policy file replacing the embedded one (rules, taxonomy, bands); empty = the embedded default.</summary>
    public string? PolicyPath { get; set; }

    public TriagePolicy LoadPolicy()
    {
        if (string.IsNullOrWhiteSpace(PolicyPath))
        {
            return TriagePolicy.Default;
        }

        if (!File.Exists(PolicyPath))
        {
            throw new TriagePolicyException($"{Section}:PolicyPath", [$"{Section}:PolicyPath: no file at '{PolicyPath}'"]);
        }

        try
        {
            return TriagePolicy.LoadFile(PolicyPath);
        }
        catch (TriagePolicyException e)
        {
            throw new TriagePolicyException($"{Section}:PolicyPath ({PolicyPath})", e.Errors);
        }
    }
}
