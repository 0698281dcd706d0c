using System.Security.Cryptography;
using System.Text;

namespace ComplaintFlow.Core.Desk;

/// <summary>
/// The key-encryption keys (KEKs) that wrap the desk's data-protection keys (those sign the anti-forgery tokens) before
/// they are written to storage: AES-256-GCM under a 256-bit secret kept in Key Vault. The current key wraps; it and
/// every previous key unwrap, so a key ring written before a rotation stays readable. Each wrapped value names its key by
/// <see cref="KeyIdOf"/>, a fingerprint of the key (never the key), so nobody has to keep a list of ids in step.
/// </summary>
public sealed class KeyEncryptionKeys
{
    public const int KeyBytes = 32;
    public const string Algorithm = "A256GCM";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] current;
    private readonly Dictionary<string, byte[]> byId;

    private KeyEncryptionKeys(byte[] current, IEnumerable<byte[]> previous)
    {
        this.current = current;
        CurrentKeyId = KeyIdOf(current);
        byId = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [CurrentKeyId] = current };
        foreach (var key in previous)
        {
            byId.TryAdd(KeyIdOf(key), key);
        }
    }

    public string CurrentKeyId { get; }

    public IReadOnlyCollection<string> KeyIds => byId.Keys;

    /// <summary>
    /// Reads the keys from settings: <paramref name="current"/> is base64 of 32 bytes; <paramref name="previous"/> is
    /// empty or such values separated by commas, semicolons or white space. Throws <see cref="FormatException"/> naming
    /// what is wrong (never the value).
    /// </summary>
    public static KeyEncryptionKeys Parse(string current, string? previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        var previousKeys = (previous ?? "")
            .Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select((value, i) => Decode(value, $"previous key {i + 1}"))
            .ToList();
        return new KeyEncryptionKeys(Decode(current, "the current key"), previousKeys);
    }

    /// <summary>A new random key in the form <see cref="Parse"/> reads (what scripts/generate-secrets.sh makes).</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The first 64 bits of SHA-256 over a label and the key, as hex: names the key without revealing it.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> key)
    {
        var label = "complaintflow/kek-id/v1:"u8;
        var input = new byte[label.Length + key.Length];
        label.CopyTo(input);
        key.CopyTo(input.AsSpan(label.Length));
        return Convert.ToHexStringLower(SHA256.HashData(input).AsSpan(0, 8));
    }

    /// <summary>Encrypts under the current key with a fresh nonce; the key id is authenticated with the data.</summary>
    public WrappedSecret Wrap(ReadOnlySpan<byte> plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagBytes];
        using var aes = new AesGcm(current, TagBytes);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(CurrentKeyId));
        return new WrappedSecret(CurrentKeyId, nonce, tag, ciphertext);
    }

    /// <summary>
    /// Decrypts with the key the value names. An unknown key id, or a value changed in any way (ciphertext, nonce, tag,
    /// or the key id itself), throws a <see cref="CryptographicException"/>: nothing unauthenticated is returned.
    /// </summary>
    public byte[] Unwrap(WrappedSecret wrapped)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        if (!byId.TryGetValue(wrapped.KeyId, out var key))
        {
            throw new CryptographicException(
                $"The data-protection key was wrapped with key-encryption key '{wrapped.KeyId}', which is neither the current key nor a previous one (known: {string.Join(", ", byId.Keys)}).");
        }

        if (wrapped.Nonce.Length != NonceBytes || wrapped.Tag.Length != TagBytes)
        {
            throw new CryptographicException("The wrapped data-protection key has a nonce or tag of the wrong length.");
        }

        var plaintext = new byte[wrapped.Ciphertext.Length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(wrapped.Nonce, wrapped.Ciphertext, wrapped.Tag, plaintext, AssociatedData(wrapped.KeyId));
        return plaintext;
    }

    private static byte[] AssociatedData(string keyId) => Encoding.ASCII.GetBytes($"complaintflow/data-protection-key/{Algorithm}/{keyId}");

    private static byte[] Decode(string value, string which)
    {
        var bytes = new byte[KeyBytes + 1];
        if (!Convert.TryFromBase64String(value.Trim(), bytes, out var length) || length != KeyBytes)
        {
            throw new FormatException($"{char.ToUpperInvariant(which[0])}{which[1..]} is not base64 of {KeyBytes} bytes.");
        }

        return bytes[..KeyBytes];
    }
}

/// <summary>A value wrapped by <see cref="KeyEncryptionKeys"/>: which key, the GCM nonce and tag, and the ciphertext.</summary>
public sealed record WrappedSecret(string KeyId, byte[] Nonce, byte[] Tag, byte[] Ciphertext);
