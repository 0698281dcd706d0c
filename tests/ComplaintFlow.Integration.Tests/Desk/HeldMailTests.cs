using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplaintFlow.Functions.Intake;
using ComplaintFlow.Testing;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Extensions.Configuration;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// "I emailed you and heard nothing": a supervisor finds the mail that opened no complaint in the desk, machine mail
/// ignored and list mail held, each with the explanation <c>scripts/explain-email</c> prints for the same file.
/// </summary>
public sealed class HeldMailTests : IAsyncLifetime
{
    private const string AutoReply = "Machine/auto-reply/outlook-automatic-reply.eml";
    private const string ListMail = "Person/precedence-list-mailing-list.eml";
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Development" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_supervisor_sees_an_ignored_auto_reply_and_held_list_mail_explained_as_explain_email_explains_them()
    {
        foreach (var file in new[] { AutoReply, ListMail })
        {
            var post = EmailFixtures.Raw(EmailFixtures.Read(file));
            var content = new ByteArrayContent(post.Bytes());
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(post.ContentType);
            var answer = await _host.Client.PostAsync("/api/inbound/email", content);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        using var supervisor = await StaffSession.SignInAsync(_host, "sam@desk.example", "supervisor");
        var response = await supervisor.GetAsync("/api/portal/mail");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mail = await response.Content.ReadFromJsonAsync<JsonObject>();

        var ignored = Assert.Single(mail!["ignored"]!.AsArray())!["explanation"]!;
        var held = Assert.Single(mail["quarantined"]!.AsArray())!["explanation"]!;
        Assert.Equal(("ignored", "auto-reply"), ((string?)ignored["outcome"], (string?)ignored["reason"]));
        Assert.Equal(("quarantined", "bulk"), ((string?)held["outcome"], (string?)held["reason"]));
        Assert.Equal("The street lights on High St have been out for a week.", (string?)held["text"]);
        // The words' language, as a complaint from them would record it (it read "not detected" before).
        Assert.Equal("en", (string?)held["language"]);
        Assert.True(JsonNode.DeepEquals(await ExplainEmailAsync(AutoReply), ignored), $"desk: {ignored.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(await ExplainEmailAsync(ListMail), held), $"desk: {held.ToJsonString()}");
    }

    [Fact]
    public async Task An_agent_may_not_read_held_mail()
    {
        using var agent = await StaffSession.SignInAsync(_host, "ana@desk.example", "agent");

        var response = await agent.GetAsync("/api/portal/mail");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>
    /// The line <c>scripts/explain-email</c> prints for the fixture, without its <c>file</c> and with its nulls left
    /// out, as the desk's JSON leaves them out.
    /// </summary>
    private async Task<JsonObject> ExplainEmailAsync(string fixture)
    {
        using var output = new StringWriter();
        var exit = await ExplainEmailCommand.RunAsync(["explain-email", Path.Combine(EmailFixtures.Folder, fixture)], output, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ComplaintFlow:Storage:ConnectionString"] = _host.Azurite.ConnectionString,
            ["ComplaintFlow:Storage:NamePrefix"] = _host.Prefix,
        }).Build());
        Assert.Equal(0, exit);
        var line = JsonNode.Parse(output.ToString())!.AsObject();
        line.Remove("file");
        foreach (var name in line.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            line.Remove(name);
        }

        return line;
    }
}
