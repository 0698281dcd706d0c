using System.Text;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Testing.Payloads;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>
/// The customer's words of each reply fixture (<c>Fixtures/Email/Replies/{name}.eml</c>), as real clients quote in
/// six languages, must be exactly <c>{name}.expected.txt</c>, whichever SendGrid mode posted the mail.
/// </summary>
public sealed class ReplyFixtureTests
{
    private static readonly InboundEmailParser Parser = new();

    public static TheoryData<string> ReplyFixtures() => [.. EmailFixtures.Files("Replies")];

    private static string Expected(string fixture) =>
        Encoding.UTF8.GetString(EmailFixtures.Read(Path.ChangeExtension(fixture, ".expected.txt")));

    [Theory]
    [MemberData(nameof(ReplyFixtures))]
    public void The_customers_words_are_kept_in_raw_mode(string fixture)
    {
        var post = EmailFixtures.Raw(EmailFixtures.Read(fixture));

        Assert.Equal(Expected(fixture), Parser.Parse(post.Bytes(), post.ContentType).ComplaintText);
    }

    [Theory]
    [MemberData(nameof(ReplyFixtures))]
    public void The_customers_words_are_kept_in_parsed_mode(string fixture)
    {
        var post = EmailFixtures.Parsed(EmailFixtures.Read(fixture));

        Assert.Equal(Expected(fixture), Parser.Parse(post.Bytes(), post.ContentType).ComplaintText);
    }
}
