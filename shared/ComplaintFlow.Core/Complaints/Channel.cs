namespace ComplaintFlow.Core.Complaints;

/// <summary>How a complaint reached us. Staff-recorded channels carry the recording agent as first owner.</summary>
public enum Channel
{
    Web,
    Email,
    Sms,
    Phone,
    InPerson,
}
