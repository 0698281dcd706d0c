using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Poison;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Functions;

/// <summary>
/// The app as the Azure Functions host drives it: a queue invocation is <c>POST /{FunctionName}</c> with the
/// documented custom-handler payload, answered with Outputs/Logs/ReturnValue; a failure is a non-2xx.
/// </summary>
public sealed class CustomHandlerContractTests
{
    private static object Invocation(string message, int dequeueCount = 1) => new
    {
        Data = new { message },
        Metadata = new
        {
            DequeueCount = dequeueCount,
            ExpirationTime = "2026-12-01T10:00:00+00:00",
            Id = Guid.NewGuid().ToString(),
            InsertionTime = "2026-11-24T10:00:00+00:00",
            NextVisibleTime = "2026-11-24T10:10:00+00:00",
            PopReceipt = "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
            sys = new { MethodName = "Triage", UtcNow = "2026-11-24T10:00:01Z", RandGuid = Guid.NewGuid().ToString() },
        },
    };

    // Serialised as the host writes it: PascalCase names, no naming policy.
    private static JsonElement AsHostSendsIt(object invocation) => JsonSerializer.SerializeToElement(invocation, new JsonSerializerOptions());

    [Fact]
    public async Task Queue_invocation_posted_by_the_functions_host_runs_triage_and_answers_the_documented_shape()
    {
        // The host drives the queues here, as in Azure: the local trigger host is off.
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Hosting:LocalTriggers"] = "false" });
        var accepted = await (await host.SubmitAsync(new { email = "c@example.com", text = "停电了，冰箱里的东西全坏了" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;

        var response = await host.Client.PostAsJsonAsync("/Triage", AsHostSendsIt(Invocation(JsonSerializer.Serialize(new IntakeMessage(id), ComplaintJson.Options))));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("Logs").ValueKind);
        Assert.True(body.TryGetProperty("ReturnValue", out _));
        var complaint = (await host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        Assert.Equal(ComplaintStatus.Open, complaint.Status);
        Assert.NotNull(complaint.Triage);
    }

    [Fact]
    public async Task Failing_invocation_answers_non_2xx_so_the_host_retries_it()
    {
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Hosting:LocalTriggers"] = "false" });

        var response = await host.Client.PostAsJsonAsync("/Triage", AsHostSendsIt(Invocation(JsonSerializer.Serialize(new IntakeMessage("0000000000"), ComplaintJson.Options), dequeueCount: 2)));

        Assert.False(response.IsSuccessStatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(0, body.GetProperty("Logs").GetArrayLength());
    }

    [Fact]
    public async Task On_the_last_delivery_a_failing_invocation_parks_the_message_with_its_reason_and_answers_2xx_so_the_host_deletes_it()
    {
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Hosting:LocalTriggers"] = "false" });
        var message = JsonSerializer.Serialize(new IntakeMessage("0000000000"), ComplaintJson.Options);

        // host.json's maxDequeueCount is 5: the fifth delivery is the last one the host makes.
        var response = await host.Client.PostAsJsonAsync("/Triage", AsHostSendsIt(Invocation(message, dequeueCount: 5)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parked = Assert.Single(await host.Services.GetRequiredService<IPoisonQueues>().ListAsync(QueueNames.Intake, CancellationToken.None));
        Assert.Equal("0000000000", parked.ComplaintId);
        Assert.Equal(("Triage", "ComplaintNotFoundException", 5), (parked.Reason!.Function, parked.Reason.Error, parked.Reason.Attempts));
    }

    [Fact]
    public async Task Unknown_function_name_is_not_found()
    {
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Hosting:LocalTriggers"] = "false" });

        var response = await host.Client.PostAsJsonAsync("/NoSuchFunction", AsHostSendsIt(Invocation("{}")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
