using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk.DataRights;

namespace ComplaintFlow.Core.Tests.Complaints;

public sealed class ContactPhoneTests
{
    [Theory]
    // Typed as dialled at home: the trunk prefix (0) is read in the stored number's region.
    [InlineData("+861088886666", "010 8888 6666")]
    [InlineData("+861088886666", "(010) 8888-6666")]
    [InlineData("+861088886666", "+86 10 8888 6666")]
    [InlineData("+861088886666", "0086 10 8888 6666")]
    [InlineData("+447911123456", "07911 123456")]
    [InlineData("+447911123456", "+44 (0)7911 123456")]
    [InlineData("+447911123456", "+44 7911 123456")]
    [InlineData("+8613800138000", "138 0013 8000")]
    [InlineData("+8613800138000", "+86 138-0013-8000")]
    [InlineData("+12025550143", "(202) 555-0143")]
    public void A_number_typed_in_its_national_or_international_form_finds_the_stored_contact(string stored, string typed)
    {
        Assert.True(new ContactDetails { Phone = stored }.Matches(typed));
    }

    [Theory]
    // A partial number, or the same digits in another country, is someone else.
    [InlineData("+861088886666", "8888 6666")]
    [InlineData("+861088886666", "+44 10 8888 6666")]
    [InlineData("+447911123456", "7911 123456 0")]
    [InlineData("+447911123456", "123456")]
    [InlineData("+8613800138000", "13900139000")]
    [InlineData("+8613800138000", "not a number")]
    public void A_different_or_partial_number_does_not_match(string stored, string typed)
    {
        Assert.False(new ContactDetails { Phone = stored }.Matches(typed));
    }

    [Fact]
    public void A_data_rights_request_typed_in_national_form_finds_the_stored_contact()
    {
        Assert.True(ContactIdentity.TryParse("07911 123456", "GB", out var identity));

        Assert.True(new ContactDetails { Phone = "+447911123456" }.Matches(identity.Phone));
    }

    [Fact]
    public void An_email_still_matches_case_insensitively()
    {
        var contact = new ContactDetails { Email = "amy@example.com", Phone = "+447911123456" };

        Assert.True(contact.Matches(" AMY@example.com "));
        Assert.False(contact.Matches("amy@example.org"));
    }
}
