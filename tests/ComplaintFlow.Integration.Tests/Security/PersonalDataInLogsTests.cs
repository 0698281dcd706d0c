using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Integration.Tests.Desk;
using ComplaintFlow.Testing;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Integration.Tests.Security;

[CollectionDefinition(nameof(ConsoleCapture), DisableParallelization = true)]
public sealed class ConsoleCapture;

/// <summary>
/// A whole pipeline run (web form, email and SMS complaints, triage, acknowledgements, a customer reply, a note and a
/// resolution from the portal, the status lookup) with every log entry of every category down to Trace captured, and
/// the console (where the OpenTelemetry console exporter writes traces and metrics) captured too. None of it may
/// name a customer, their email address or phone number in any written form, a phrase of what they wrote, or the
/// secret a webhook URL carries.
/// </summary>
[Collection(nameof(ConsoleCapture))]
public sealed class PersonalDataInLogsTests
{
    private const string WebName = "Ottoline Brackenbury";
    private const string WebEmail = "ottoline.brackenbury@leakcheck.example";
    private const string WebPhoneNational = "13912345678";
    private const string WebText = "The quasar-blue router at my flat keeps rebooting every evening since the storm.";
    private const string MailName = "Fenwick Aldergrove";
    private const string MailEmail = "fenwick.aldergrove@leakcheck.example";
    private const string MailSubject = "Marmalade invoice overcharge";
    private const string MailText = "You charged me twice for the marmalade bundle in March and nobody answers the phone.";
    private const string ReplyText = "Periwinkle follow-up: still waiting for the refund of the double charge.";
    private const string SmsPhone = "+8613787654321";
    private const string SmsText = "Tangerine kiosk outage: no signal in Wudaokou since Tuesday";
    private const string MailWebhookKey = "leak-check-webhook-secret";

    private static readonly string[] Needles =
    [
        WebEmail, WebEmail.Split('@')[0], MailEmail, MailEmail.Split('@')[0],
        "+86" + WebPhoneNational, "86" + WebPhoneNational, WebPhoneNational, "139 1234 5678", "1234 5678",
        SmsPhone, SmsPhone[1..], SmsPhone[3..], "137 8765 4321",
        "Ottoline", "Brackenbury", "Fenwick", "Aldergrove",
        "quasar-blue", "rebooting every evening", "marmalade", "Tangerine kiosk", "Wudaokou", "Periwinkle",
        // Not personal data, but a secret in the webhook URL must not be logged either.
        MailWebhookKey,
    ];

    private static IEnumerable<string> WrittenForms(string needle) =>
        new[] { needle, Uri.EscapeDataString(needle), WebUtility.UrlEncode(needle), JsonSerializer.Serialize(needle)[1..^1] }.Distinct();

    [Fact]
    public async Task A_full_pipeline_run_logs_no_name_contact_or_complaint_text()
    {
        var logs = new CapturedLogs();
        var console = new StringWriter();
        var originalOut = Console.Out;
        Console.SetOut(TextWriter.Synchronized(console));
        try
        {
            await using (var host = await AppHost.StartAsync(
                new Dictionary<string, string?>
                {
                    ["Auth:Mode"] = "Development",
                    ["Telemetry:Console"] = "true",
                    // The worker logs everything, framework categories included (its logs reach the host over gRPC and
                    // its console output as lines).
                    ["Logging:LogLevel:Default"] = "Trace",
                    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                    ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
                    ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
                    ["Logging:LogLevel:Azure"] = "Trace",
                    ["Logging:LogLevel:Polly"] = "Trace",
                    ["ComplaintFlow:InboundEmail:WebhookKey"] = MailWebhookKey,
                },
                // A rule for this provider wins over the host's default levels: everything the worker sends reaches it.
                b => b.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Trace)))
            {
                await RunPipelineAsync(host);
            }
        }
        finally
        {
            Console.SetOut(originalOut);
        }

        var captured = logs.Lines.Concat(console.ToString().Split('\n')).ToList();
        Assert.True(logs.Lines.Count > 500, $"only {logs.Lines.Count} log entries were captured");
        Assert.Contains(logs.Lines, l => l.StartsWith("Trace ", StringComparison.Ordinal));
        Assert.Contains(captured, l => l.Contains("Activity.TraceId", StringComparison.Ordinal));

        var leaks = Needles.SelectMany(WrittenForms)
            .SelectMany(needle => captured.Where(l => l.Contains(needle, StringComparison.OrdinalIgnoreCase)).Select(l => $"'{needle}' in: {l}"))
            .Distinct()
            .Take(40)
            .ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    private static async Task RunPipelineAsync(AppHost host)
    {
        // The web form, with an idempotency key as the page sends it.
        var web = await host.SubmitAsync(new { name = WebName, email = WebEmail, phone = WebPhoneNational, subject = "Router", text = WebText, language = "en" }, "leak-check-1");
        Assert.Equal(HttpStatusCode.Accepted, web.StatusCode);
        var webBody = await web.Content.ReadFromJsonAsync<JsonElement>();
        var webId = webBody.GetProperty("id").GetString()!;
        var webReference = webBody.GetProperty("reference").GetString()!;

        // An email complaint, through SendGrid Inbound Parse.
        var mail = await PostMailAsync(host, MailSubject, MailText, "leak-check-mail-1@leakcheck.example");
        var mailReference = (await mail.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        Assert.True(ComplaintId.TryParse(mailReference, out var mailId));

        // A text, through Twilio.
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"),
            ["AccountSid"] = Fakes.Twilio.TwilioFakeStore.DefaultAccountSid,
            ["From"] = SmsPhone,
            ["To"] = AppHost.TwilioNumber,
            ["Body"] = SmsText,
            ["FromCountry"] = "CN",
        };
        var sms = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/sms/twilio") { Content = new FormUrlEncodedContent(form) };
        sms.Headers.Add("X-Twilio-Signature", new TwilioSignatureValidator(AppHost.TwilioAuthToken).ComputeSignature("http://complaints.test/api/inbound/sms/twilio", form));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(sms)).StatusCode);
        var smsId = ComplaintId.FromSource(Channel.Sms, form["MessageSid"]);

        // Triage and the acknowledgements by email and SMS.
        foreach (var id in new[] { webId, mailId, smsId })
        {
            await AcknowledgedAsync(host, id);
        }

        // The customer replies to the email complaint.
        var reply = await PostMailAsync(host, $"Re: {MailSubject} [{mailReference}]", ReplyText, "leak-check-mail-2@leakcheck.example");
        Assert.Equal("appended", (await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());

        // The desk: a note naming the customer, and the resolution, which is mailed.
        using var amy = await StaffSession.SignInAsync(host, "amy@desk.example", "agent");
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(mailId, "claim")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(mailId, "notes", new { text = $"Called {MailName} back about the marmalade bundle." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await amy.ActAsync(mailId, "resolve", new
        {
            resolution = "We refunded the marmalade bundle charge in full.",
            rootCause = "our-error",
            correctiveAction = "Billing now blocks duplicate marmalade charges.",
        })).StatusCode);
        await AppHost.EventuallyAsync(
            async () => (await host.Complaints.FindAsync(mailId, CancellationToken.None))?.Complaint,
            c => c?.Notifications.Any(n => n.Kind == NotificationKind.Resolution && n.Status == NotificationStatus.Sent) == true,
            "the resolution notice to be sent",
            TimeSpan.FromSeconds(90));

        // The status lookup, by email and by phone in the forms a customer types.
        foreach (var contact in new[] { WebEmail, WebPhoneNational, "+86" + WebPhoneNational })
        {
            var status = await host.Client.GetAsync($"/api/complaints/{webReference}?contact={Uri.EscapeDataString(contact)}");
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/api/complaints/{webReference}?contact={Uri.EscapeDataString(MailEmail)}")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostMailAsync(AppHost host, string subject, string text, string messageId)
    {
        var post = SendGridPost.Mail($"{MailName} <{MailEmail}>", subject, text, messageId);
        var content = new ByteArrayContent(post.Bytes());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(post.ContentType);
        var response = await host.Client.PostAsync($"/api/inbound/email?key={MailWebhookKey}", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static Task<Complaint> AcknowledgedAsync(AppHost host, string id) =>
        AppHost.EventuallyAsync(
            async () => (await host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            $"the acknowledgement of {id}",
            TimeSpan.FromSeconds(90))!;
}
