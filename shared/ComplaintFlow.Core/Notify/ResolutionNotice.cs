using System.Globalization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Notify;

/// <summary>What the resolution and survey templates need beyond the acknowledgement's model.</summary>
public static class ResolutionNotice
{
    public static IReadOnlyDictionary<string, object?> Model(Complaint complaint, Notification notification, PublicSite site)
    {
        var resolution = complaint.Resolution;
        var accepted = complaint.Compensations.Where(c => c.Accepted && c.Granted).ToList();
        return new Dictionary<string, object?>
        {
            ["notice_channel"] = notification.Channel.ToString().ToLowerInvariant(),
            ["has_email"] = complaint.Contact.Email is not null,
            ["resolution_text"] = resolution?.Text,
            ["corrective_action"] = resolution?.CorrectiveAction,
            ["compensation"] = accepted.Count == 0
                ? null
                : string.Join(", ", accepted.Select(c => $"{c.Currency} {c.Amount.ToString("0.00", CultureInfo.InvariantCulture)}")),
            ["survey_url"] = resolution is null ? null : SurveyUrl(complaint, resolution, site),
        };
    }

    public static string SurveyUrl(Complaint complaint, Resolution resolution, PublicSite site) =>
        $"{site.RootUrl}/survey?reference={Uri.EscapeDataString(complaint.Reference)}&token={Uri.EscapeDataString(resolution.SurveyToken)}";
}
