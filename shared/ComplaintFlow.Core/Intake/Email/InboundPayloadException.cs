namespace ComplaintFlow.Core.Intake;

/// <summary>
/// A webhook payload that cannot be read. <see cref="Field"/> names the form field, header or JSON member at fault,
/// so the endpoint can answer with a problem+json that tells the provider (or the person testing) what to fix.
/// </summary>
public sealed class InboundPayloadException(string field, string message) : FormatException(message)
{
    public string Field { get; } = field;
}
