using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Functions.Http;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// What the dashboard's answers read (<c>/api/portal/stats</c> and its CSV): the period from the query (<c>from</c> and
/// <c>to</c>, or <c>days</c>; <see cref="StatsPeriod"/>) and the complaints received in it, or the 400 naming the field.
/// </summary>
internal static class StatsRequest
{
    public static async Task<(StatsPeriod? Period, IReadOnlyList<Complaint> Complaints, IResult? Refusal)> ReadAsync(
        HttpRequest request, IComplaintCatalog catalog, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var (period, errors) = StatsPeriod.Parse(query["from"].FirstOrDefault(), query["to"].FirstOrDefault(), query["days"].FirstOrDefault(), now);
        if (period is null)
        {
            return (null, [], Problems.Validation(errors, "The period is not valid."));
        }

        var complaints = await catalog.ReceivedBetweenAsync(period.From, period.To, cancellationToken).ToListAsync(cancellationToken);
        return (period, complaints, null);
    }
}
