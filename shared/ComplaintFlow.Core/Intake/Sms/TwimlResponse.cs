using System.Xml.Linq;

namespace ComplaintFlow.Core.Intake.Sms;

/// <summary>The TwiML a Twilio messaging webhook answers with: a reply text, or nothing.</summary>
public static class TwimlResponse
{
    public const string ContentType = "application/xml";

    /// <summary>Acknowledges the webhook without texting back.</summary>
    public static string Empty() => Write(new XElement("Response"));

    /// <summary>Texts <paramref name="text"/> back to the sender; XML-escaped, so any customer text is safe in it.</summary>
    public static string Message(string text) => Write(new XElement("Response", new XElement("Message", text)));

    private static string Write(XElement response) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + response.ToString(SaveOptions.DisableFormatting);
}
