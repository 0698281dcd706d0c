namespace ComplaintFlow.Core.Complaints;

/// <summary>
/// Where the public site is (the <c>PublicBaseUrl</c> setting): the links a notice gives to the status page and the
/// desk. Intake owns the setting; every stage that writes a link reads it from here.
/// </summary>
public sealed record PublicSite(string BaseUrl)
{
    private string Root => BaseUrl.TrimEnd('/');

    /// <summary>The status page for a reference, with the reference filled in.</summary>
    public string StatusUrl(string reference) => $"{Root}/status?reference={Uri.EscapeDataString(reference)}";

    /// <summary>
    /// The short status link texts carry (<c>/s/CF-XXXXX-XXXXX</c>, redirected to the status page with the reference
    /// filled in): an SMS is billed by the segment, and the full address repeats the reference.
    /// </summary>
    public string ShortStatusUrl(string reference) => $"{Root}/s/{Uri.EscapeDataString(reference)}";

    /// <summary>
    /// The short link to the written resolution (<c>/r/CF-XXXXX-XXXXX</c>) for customers we can only text: the page shows
    /// the letter and the referral rights once the customer confirms their number with a one-time code.
    /// </summary>
    public string ResolutionUrl(string reference) => $"{Root}/r/{Uri.EscapeDataString(reference)}";

    /// <summary>The complaint's page in the desk.</summary>
    public string DeskUrl(string complaintId) => $"{Root}/portal#/complaints/{complaintId}";

    /// <summary>The site's root, e.g. for "help: {url}" in a text message.</summary>
    public string RootUrl => Root;
}
