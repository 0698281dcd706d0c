using System.Security.Cryptography;
using System.Text;
using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>The key-encryption keys that wrap the desk's data-protection keys at rest (docs/security.md, "Keys at rest").</summary>
public sealed class KeyEncryptionKeysTests
{
    private static readonly byte[] MasterKey = Encoding.UTF8.GetBytes("<descriptor><masterKey><value>c2VjcmV0LW1hc3Rlci1rZXktbWF0ZXJpYWw=</value></masterKey></descriptor>");

    [Fact]
    public void A_wrapped_key_unwraps_to_the_same_bytes_and_does_not_contain_them()
    {
        var keys = KeyEncryptionKeys.Parse(KeyEncryptionKeys.NewKey(), null);

        var wrapped = keys.Wrap(MasterKey);

        Assert.Equal(keys.CurrentKeyId, wrapped.KeyId);
        Assert.Equal(-1, wrapped.Ciphertext.AsSpan().IndexOf("masterKey"u8));
        Assert.NotEqual(MasterKey, wrapped.Ciphertext);
        Assert.Equal(MasterKey, keys.Unwrap(wrapped));
    }

    [Fact]
    public void Wrapping_twice_uses_a_fresh_nonce()
    {
        var keys = KeyEncryptionKeys.Parse(KeyEncryptionKeys.NewKey(), null);

        var first = keys.Wrap(MasterKey);
        var second = keys.Wrap(MasterKey);

        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    public static TheoryData<string> Parts => ["ciphertext", "nonce", "tag"];

    [Theory]
    [MemberData(nameof(Parts))]
    public void A_changed_byte_anywhere_is_refused(string part)
    {
        var keys = KeyEncryptionKeys.Parse(KeyEncryptionKeys.NewKey(), null);
        var wrapped = keys.Wrap(MasterKey);
        var changed = part switch
        {
            "ciphertext" => wrapped with { Ciphertext = Flip(wrapped.Ciphertext, 10) },
            "nonce" => wrapped with { Nonce = Flip(wrapped.Nonce, 0) },
            _ => wrapped with { Tag = Flip(wrapped.Tag, 15) },
        };

        Assert.ThrowsAny<CryptographicException>(() => keys.Unwrap(changed));
    }

    [Fact]
    public void A_key_wrapped_under_one_id_cannot_be_passed_off_under_another()
    {
        // Both keys are known; relabelling the value must still fail, because the id is authenticated with it.
        var old = KeyEncryptionKeys.NewKey();
        var keys = KeyEncryptionKeys.Parse(KeyEncryptionKeys.NewKey(), old);
        var previousId = keys.KeyIds.Single(id => id != keys.CurrentKeyId);

        var wrapped = keys.Wrap(MasterKey);

        Assert.ThrowsAny<CryptographicException>(() => keys.Unwrap(wrapped with { KeyId = previousId }));
    }

    [Fact]
    public void Another_key_cannot_unwrap_and_says_which_key_it_needs()
    {
        var ours = KeyEncryptionKeys.Parse(KeyEncryptionKeys.NewKey(), null);
        var theirs = KeyEncryptionKeys.Parse(KeyEncryptionKeys.NewKey(), null);
        var wrapped = ours.Wrap(MasterKey);

        var refused = Assert.ThrowsAny<CryptographicException>(() => theirs.Unwrap(wrapped));

        Assert.Contains(ours.CurrentKeyId, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_rotation_keys_wrapped_by_the_old_key_still_unwrap_and_new_ones_use_the_new_key()
    {
        var oldKey = KeyEncryptionKeys.NewKey();
        var before = KeyEncryptionKeys.Parse(oldKey, null);
        var wrappedBefore = before.Wrap(MasterKey);

        var after = KeyEncryptionKeys.Parse(KeyEncryptionKeys.NewKey(), $"{KeyEncryptionKeys.NewKey()}, {oldKey}");
        var wrappedAfter = after.Wrap(MasterKey);

        Assert.Equal(MasterKey, after.Unwrap(wrappedBefore));
        Assert.NotEqual(before.CurrentKeyId, wrappedAfter.KeyId);
        Assert.Equal(3, after.KeyIds.Count);
        // Once the old key is dropped from the list, what it wrapped can no longer be read.
        var dropped = KeyEncryptionKeys.Parse(KeyEncryptionKeys.NewKey(), null);
        Assert.ThrowsAny<CryptographicException>(() => dropped.Unwrap(wrappedBefore));
    }

    [Fact]
    public void The_key_id_names_the_key_without_revealing_it()
    {
        var key = KeyEncryptionKeys.NewKey();
        var id = KeyEncryptionKeys.Parse(key, null).CurrentKeyId;

        Assert.Equal(id, KeyEncryptionKeys.Parse(key, null).CurrentKeyId);
        Assert.Equal(16, id.Length);
        Assert.DoesNotContain(id, Convert.ToHexStringLower(Convert.FromBase64String(key)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "The current key")]
    [InlineData("not base64!", "The current key")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==", "The current key")]
    public void A_current_key_that_is_not_32_bytes_of_base64_is_refused(string value, string named)
    {
        var refused = Assert.Throws<FormatException>(() => KeyEncryptionKeys.Parse(value, null));

        Assert.StartsWith(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_previous_key_is_refused_by_its_position_not_its_value()
    {
        var refused = Assert.Throws<FormatException>(() => KeyEncryptionKeys.Parse(KeyEncryptionKeys.NewKey(), $"{KeyEncryptionKeys.NewKey()};c2hvcnQ="));

        Assert.Equal("Previous key 2 is not base64 of 32 bytes.", refused.Message);
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0x01;
        return copy;
    }
}
