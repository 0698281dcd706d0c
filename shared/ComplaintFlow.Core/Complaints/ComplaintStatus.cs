namespace ComplaintFlow.Core.Complaints;

public enum ComplaintStatus
{
    /// <summary>Recorded, not yet triaged.</summary>
    Received,
    /// <summary>Triaged and being worked.</summary>
    Open,
    /// <summary>Waiting on the customer: the internal SLA clock is paused.</summary>
    WaitingOnCustomer,
    Resolved,
    Closed,
}
