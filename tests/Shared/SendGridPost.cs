using System.Text;

namespace ComplaintFlow.Testing.Payloads;

// Compiled into Core.Tests, Integration.Tests and Portal.Tests (linked), so all compose SendGrid posts the same way.
/// <summary>
/// Composes a SendGrid Inbound Parse POST byte for byte as SendGrid sends it: multipart/form-data with boundary
/// <c>xYzZY</c>, one part per field, text fields in the charset the <c>charsets</c> field names, files with filename.
/// </summary>
internal sealed class SendGridPost
{
    public const string Boundary = "xYzZY";
    private readonly MemoryStream _body = new();

    public string ContentType => $"multipart/form-data; boundary={Boundary}";

    public SendGridPost Field(string name, string value, Encoding? encoding = null) =>
        Field(name, (encoding ?? Encoding.UTF8).GetBytes(value));

    public SendGridPost Field(string name, byte[] value)
    {
        Write($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n");
        _body.Write(value);
        Write("\r\n");
        return this;
    }

    public SendGridPost File(string name, string fileName, string contentType, byte[] content)
    {
        Write($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"\r\nContent-Type: {contentType}\r\n\r\n");
        _body.Write(content);
        Write("\r\n");
        return this;
    }

    public byte[] Bytes()
    {
        var copy = new MemoryStream();
        _body.Position = 0;
        _body.CopyTo(copy);
        copy.Write(Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"));
        return copy.ToArray();
    }

    private void Write(string text) => _body.Write(Encoding.UTF8.GetBytes(text));

    /// <summary>A plain-text mail from <paramref name="from"/> (<c>Name &lt;address&gt;</c>) to the complaints address, as parsed mode posts it.</summary>
    public static SendGridPost Mail(string from, string subject, string text, string messageId, params string[] extraHeaders) =>
        new SendGridPost()
            .Field("headers", Headers([$"From: {from}", "To: complaints@complaintflow.local", $"Subject: {subject}", $"Message-ID: <{messageId}>", .. extraHeaders]))
            .Field("from", from)
            .Field("to", "complaints@complaintflow.local")
            .Field("subject", subject)
            .Field("text", text)
            .Field("envelope", $"{{\"to\":[\"complaints@complaintflow.local\"],\"from\":\"{from.Split('<', '>')[^2]}\"}}")
            .Field("charsets", "{\"to\":\"UTF-8\",\"from\":\"UTF-8\",\"subject\":\"UTF-8\",\"text\":\"UTF-8\"}")
            .Field("SPF", "pass");

    /// <summary>A header block as SendGrid posts it in the <c>headers</c> field (CRLF lines, no body).</summary>
    public static string Headers(params string[] lines) =>
        string.Join("\r\n", new[]
        {
            "Received: by mx0047p1mdw1.sendgrid.net with SMTP id 6WCVv7KAWn Mon, 02 Mar 2026 01:15:06 +0000 (UTC)",
            "Received: from mail.example.cn (mail.example.cn [203.0.113.25]) by mx0047p1mdw1.sendgrid.net (Postfix) with ESMTPS id 2B5C6E0A7D",
            "MIME-Version: 1.0",
            "Date: Mon, 2 Mar 2026 09:15:00 +0800",
        }.Concat(lines)) + "\r\n";
}
