using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Notify.Sms;

/// <summary>Numbers that texted STOP (or 退订): they get no SMS notice until they text START.</summary>
public interface ISmsOptOuts
{
    Task<bool> IsOptedOutAsync(string e164, CancellationToken cancellationToken);

    /// <param name="keyword">The word the customer sent, kept as evidence of consent withdrawn.</param>
    Task OptOutAsync(string e164, string keyword, CancellationToken cancellationToken);

    Task OptInAsync(string e164, CancellationToken cancellationToken);
}

/// <summary>
/// Puts the opt-out check in front of the real sender, so no code path can text an opted-out number. A suppressed
/// text throws <see cref="NoticeSuppressedException"/>: retrying would not change the answer, and the notice must be
/// recorded as not sent (a null id once passed for "sent", and met the clocks of a customer never told).
/// </summary>
public sealed class OptOutRespectingSmsSender(ISmsSender inner, ISmsOptOuts optOuts) : ISmsSender
{
    public async Task<string?> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await optOuts.IsOptedOutAsync(message.To, cancellationToken))
        {
            throw new NoticeSuppressedException("sms-opt-out");
        }

        return await inner.SendAsync(message, cancellationToken);
    }
}
