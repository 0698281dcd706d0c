using ComplaintFlow.Azure.Contacts;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Azure.Twilio;
using ComplaintFlow.Core.Desk.DataRights;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Azure;

public static class DataRightsRegistration
{
    /// <summary>The stores a data subject request reads and erases: the Contacts index, raw payloads, SMS tables, complaint history.</summary>
    public static IServiceCollection AddDataRightsStorage(this IServiceCollection services)
    {
        services.AddSingleton<IContactDirectory>(sp => new TableContactHistory(ServiceRegistration.TableOf(sp, TableNames.Contacts)));
        services.AddSingleton<IComplaintRedaction>(sp => new ComplaintFlow.Core.Desk.Search.SearchIndexedRedaction(
            new TableComplaintStore(ServiceRegistration.TableOf(sp, TableNames.Complaints)),
            sp.GetRequiredService<ComplaintFlow.Core.Desk.Search.ISearchIndex>()));
        services.AddSingleton<IPayloadArchive>(sp => new BlobRawPayloadStore(ServiceRegistration.RawInboundContainer(sp)));
        services.AddSingleton<ISmsRecords>(sp => new TableSmsRecords(
            ServiceRegistration.TableOf(sp, TableNames.SmsThreads), ServiceRegistration.TableOf(sp, TableNames.SmsOptOuts)));
        return services;
    }
}
