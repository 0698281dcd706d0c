using System.Net;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Azure.Twilio;

/// <summary>
/// Twilio refused a request. Carries Twilio's error code (https://www.twilio.com/docs/api/errors) so the caller can
/// tell a bad number (21211) from an opted-out one (21610); the message never holds the phone number.
/// </summary>
public sealed class TwilioApiException(HttpStatusCode status, int? code, string message) : Exception(message), INoticeRefusal
{
    public HttpStatusCode Status { get; } = status;
    public int? Code { get; } = code;

    /// <summary>
    /// A 4xx about the message (opted-out or invalid number): sending the same request again would get the same
    /// answer. Not 429, and not 401/403/404: credentials refused or an account not found are our configuration,
    /// and once it is fixed the notice can go (it is retried and parked in poison for a replay instead).
    /// </summary>
    public bool IsPermanent => (int)Status is >= 400 and < 500
        && Status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound);

    public string Reason => $"twilio-{Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ((int)Status).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
