using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Testing.Payloads;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>Every part the customer sent is kept (<c>Fixtures/Email/Attachments</c>), not only those marked attachment.</summary>
public sealed class InboundEmailAttachmentTests
{
    private static readonly InboundEmailParser Parser = new();

    private static List<(string Name, string Type, long Size, string? Subject)> AttachmentsOf(string fixture)
    {
        var post = EmailFixtures.Raw(EmailFixtures.Read($"Attachments/{fixture}"));
        return [.. Parser.Parse(post.Bytes(), post.ContentType).Attachments.Select(a => (a.FileName, a.ContentType, a.Size, a.Subject))];
    }

    [Fact]
    public void A_screenshot_pasted_into_the_message_is_kept_though_it_has_no_name()
    {
        var post = EmailFixtures.Raw(EmailFixtures.Read("Attachments/pasted-screenshot-inline-image.eml"));
        var email = Parser.Parse(post.Bytes(), post.ContentType);

        Assert.Equal([("attachment1.png", "image/png", 26L, (string?)null)], [.. email.Attachments.Select(a => (a.FileName, a.ContentType, a.Size, a.Subject))]);
        Assert.Equal("The payment page shows this error:", email.Body);
    }

    [Fact]
    public void An_inline_image_with_a_file_name_is_kept() =>
        Assert.Equal([("meter.jpg", "image/jpeg", 19L, (string?)null)], AttachmentsOf("inline-image-with-file-name.eml"));

    [Fact]
    public void A_named_part_without_Content_Disposition_is_kept() =>
        Assert.Equal([("bill.pdf", "application/pdf", 18L, (string?)null)], AttachmentsOf("named-part-without-disposition.eml"));

    [Fact]
    public void An_attached_mail_is_kept_as_eml_and_listed_with_its_subject()
    {
        var (name, type, size, subject) = Assert.Single(AttachmentsOf("forwarded-message-rfc822.eml"));

        Assert.Equal(("Your order.eml", "message/rfc822", "Your order"), (name, type, subject));
        Assert.True(size > 0);
    }

    [Fact]
    public void Every_kind_is_found_in_nested_multiparts_and_the_text_is_not_an_attachment()
    {
        var attachments = AttachmentsOf("every-kind-nested.eml");

        Assert.Equal(
            [("attachment1.png", "image/png"), ("bill.pdf", "application/pdf"), ("meter.jpg", "image/jpeg"), ("Your order.eml", "message/rfc822")],
            attachments.Select(a => (a.Name, a.Type)));
    }
}
