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

    /// <summary>4xx other than 429: sending the same request again would get the same answer.</summary>
    public bool IsPermanent => (int)Status is >= 400 and < 500 && Status != HttpStatusCode.TooManyRequests;

    public string Reason => $"twilio-{Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ((int)Status).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
