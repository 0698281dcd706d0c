using System.Net;
using System.Text;
using ComplaintFlow.Fakes.Acs;
using ComplaintFlow.Fakes.SendGrid;
using ComplaintFlow.Fakes.Twilio;

namespace ComplaintFlow.Fakes;

/// <summary>The provider fakes in one small web app; its root page lists every notice "sent", for people.</summary>
public static class FakeProviders
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<SendGridMailbox>();
        builder.Services.AddSingleton(_ => new TwilioFakeStore());
        builder.Services.AddSingleton(_ => new AcsFakeStore());
        builder.Services.AddSingleton(_ => new DeliveryReporting
        {
            AppAddress = builder.Configuration["Fakes:AppAddress"] is { Length: > 0 } address ? new Uri(address) : null,
        });
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapSendGridFake();
        app.MapTwilioFake();
        app.MapAcsSmsFake();
        app.MapGet("/", (SendGridMailbox mailbox, TwilioFakeStore texts, AcsFakeStore acs) => Results.Content(Outbox(mailbox, texts, acs), "text/html; charset=utf-8"));
        return app;
    }

    private static string Outbox(SendGridMailbox mailbox, TwilioFakeStore texts, AcsFakeStore acs)
    {
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"5\">")
            .Append("<title>Outbox (fake providers)</title></head><body style=\"font-family:sans-serif;max-width:60rem;margin:auto\">")
            .Append("<h1>Outbox</h1><p>Every text the app sent to the Twilio and ACS fakes, then every email it sent to the SendGrid fake, newest first. Refreshes every 5 s.</p>");
        var sms = texts.Messages.Select(t => (Provider: "Twilio", t.From, t.To, t.Body, At: t.DateCreated))
            .Concat(acs.Messages.Select(a => (Provider: "ACS", From: (string?)a.From, a.To, Body: a.Message, At: a.ReceivedAt)))
            .OrderByDescending(t => t.At);
        foreach (var text in sms)
        {
            html.Append("<article style=\"border:1px solid #9c9;padding:1rem;margin:1rem 0\"><h2>SMS to ")
                .Append(WebUtility.HtmlEncode(text.To)).Append("</h2><p>")
                .Append(text.Provider).Append(" · from ").Append(WebUtility.HtmlEncode(text.From ?? "(messaging service)")).Append(" · ")
                .Append(text.At.ToString("u", System.Globalization.CultureInfo.InvariantCulture))
                .Append("</p><pre style=\"white-space:pre-wrap\">").Append(WebUtility.HtmlEncode(text.Body)).Append("</pre></article>");
        }

        foreach (var email in mailbox.Emails.Reverse())
        {
            html.Append("<article style=\"border:1px solid #ccc;padding:1rem;margin:1rem 0\"><h2>")
                .Append(WebUtility.HtmlEncode(email.Subject)).Append("</h2><p>To: ")
                .Append(WebUtility.HtmlEncode(string.Join(", ", email.To))).Append(" · ")
                .Append(email.ReceivedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture))
                .Append("</p><pre style=\"white-space:pre-wrap\">").Append(WebUtility.HtmlEncode(email.Text ?? string.Empty)).Append("</pre></article>");
        }

        return html.Append("</body></html>").ToString();
    }
}
