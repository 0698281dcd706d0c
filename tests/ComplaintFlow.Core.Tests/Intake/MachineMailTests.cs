using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Testing.Payloads;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>
/// Every machine-mail fixture (<c>Fixtures/Email/Machine/{class}/*.eml</c>, the folder naming the class), in both
/// SendGrid modes: ignored with its class as the reason, never a complaint, never an exception (a 4xx).
/// </summary>
public sealed class MachineMailTests
{
    private static readonly InboundEmailParser Parser = new();

    private static readonly InboundEmailClassifier Classifier = new(
        new InboundEmailOptions { SpamScoreThreshold = 5.0 },
        new NotifyOptions { FromEmail = "complaints@complaintflow.local", MessageIdDomain = "complaintflow.local" });

    public static TheoryData<string> MachineFixtures() => [.. EmailFixtures.Files("Machine")];

    private static InboundEmailDecision Classify(SendGridPost post) => Classifier.Classify(Parser.Parse(post.Bytes(), post.ContentType));

    private static string ClassOf(string fixture) => fixture.Split('/')[1];

    [Theory]
    [MemberData(nameof(MachineFixtures))]
    public void Machine_mail_in_raw_mode_is_ignored_with_its_class(string fixture) =>
        Assert.Equal(new InboundEmailDecision(InboundEmailAction.Ignore, ClassOf(fixture)), Classify(EmailFixtures.Raw(EmailFixtures.Read(fixture))));

    [Theory]
    [MemberData(nameof(MachineFixtures))]
    public void Machine_mail_in_parsed_mode_is_ignored_with_its_class(string fixture) =>
        Assert.Equal(new InboundEmailDecision(InboundEmailAction.Ignore, ClassOf(fixture)), Classify(EmailFixtures.Parsed(EmailFixtures.Read(fixture))));

    [Fact]
    public void There_are_at_least_thirty_machine_fixtures_of_seven_classes()
    {
        var fixtures = EmailFixtures.Files("Machine").ToList();

        Assert.True(fixtures.Count >= 30, $"{fixtures.Count} fixtures");
        Assert.Equal(7, fixtures.Select(ClassOf).Distinct().Count());
    }

    [Theory]
    [InlineData("Person/precedence-bulk-newsletter.eml", InboundEmailReasons.Bulk)]
    [InlineData("Person/precedence-list-mailing-list.eml", InboundEmailReasons.Bulk)]
    [InlineData("Person/no-from-header.eml", InboundEmailReasons.NoSender)]
    [InlineData("Person/from-without-address.eml", InboundEmailReasons.NoSender)]
    public void A_persons_mail_that_cannot_be_answered_or_went_to_many_is_quarantined_for_staff(string fixture, string reason)
    {
        var eml = EmailFixtures.Read(fixture);

        Assert.Equal(new InboundEmailDecision(InboundEmailAction.Quarantine, reason), Classify(EmailFixtures.Raw(eml)));
        Assert.Equal(new InboundEmailDecision(InboundEmailAction.Quarantine, reason), Classify(EmailFixtures.Parsed(eml)));
    }

    [Theory]
    [InlineData("Person/subject-mentions-out-of-office-hours.eml")]
    [InlineData("Person/subject-mentions-undelivered-parcel.eml")]
    [InlineData("Person/reply-mentions-automatic-reply.eml")]
    public void A_persons_mail_that_only_mentions_machine_words_opens_a_complaint(string fixture)
    {
        var eml = EmailFixtures.Read(fixture);

        Assert.Equal(InboundEmailAction.NewComplaint, Classify(EmailFixtures.Raw(eml)).Action);
        Assert.Equal(InboundEmailAction.NewComplaint, Classify(EmailFixtures.Parsed(eml)).Action);
    }
}
