using ComplaintFlow.Core.Notify.Sms;
using Microsoft.Extensions.Hosting;

namespace ComplaintFlow.Functions.Notify;

/// <summary>
/// At start, says when the SMS sender name holds characters outside the GSM-7 alphabet (a Chinese brand such as
/// 投诉中心, curly quotes): English texts then leave the name out to stay in one segment, which the operator should
/// know rather than discover on a phone. Chinese texts are UCS-2 anyway and keep it.
/// </summary>
public sealed partial class SmsSettingsCheck(SmsOptions sms, ILogger<SmsSettingsCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!SmsComposer.IsGsm7(sms.SenderName))
        {
            LogNonGsmSenderName(logger, SmsOptions.Section);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Section}:SenderName has characters outside the GSM-7 alphabet: English texts leave the sender name out so they stay in one segment; Chinese texts keep it.")]
    private static partial void LogNonGsmSenderName(ILogger logger, string section);
}
