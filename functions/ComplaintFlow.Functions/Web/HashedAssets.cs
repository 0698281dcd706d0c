using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;

namespace ComplaintFlow.Functions.Web;

/// <summary>
/// The scripts, styles and icons of <c>wwwroot</c> under content-hashed names (<c>chart.umd.min.3f9c0a1b2d.js</c>),
/// so a browser may keep them for a year: a changed file has a new name, and pages (never cached without asking)
/// always name the current one. Pages name the plain files; <see cref="Rewrite"/> puts the hashed names in as they
/// are served. Text is kept compressed (Brotli and gzip) once per file version: the 210 kB chart script is 70 kB.
/// </summary>
public sealed partial class HashedAssets(IFileProvider files)
{
    public const string Immutable = "public, max-age=31536000, immutable";

    /// <summary>Pages and any file asked for by its plain name: the browser revalidates each time (ETag, Last-Modified).</summary>
    public const string Revalidate = "no-cache";

    private readonly ConcurrentDictionary<string, Asset> _assets = new(StringComparer.Ordinal);

    public sealed record Asset(string Hash, DateTimeOffset LastModified, byte[] Plain, byte[]? Brotli, byte[]? Gzip);

    /// <summary>The current content of a file under wwwroot (a path without a leading '/'), or null.</summary>
    public Asset? Find(string path)
    {
        var file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory)
        {
            return null;
        }

        var key = path.ToLowerInvariant();
        if (_assets.TryGetValue(key, out var known) && known.LastModified == file.LastModified)
        {
            return known;
        }

        using var stream = file.CreateReadStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var plain = buffer.ToArray();
        var compressible = IsCompressible(path) && plain.Length > 1024;
        var asset = new Asset(
            Convert.ToHexStringLower(SHA256.HashData(plain))[..10],
            file.LastModified,
            plain,
            compressible ? Compress(plain, s => new BrotliStream(s, CompressionLevel.Optimal)) : null,
            compressible ? Compress(plain, s => new GZipStream(s, CompressionLevel.Optimal)) : null);
        _assets[key] = asset;
        return asset;
    }

    /// <summary>
    /// The file a requested path names: <c>js/form.0a1b2c3d4e.js</c> is <c>js/form.js</c>, immutable when the hash is
    /// the current one (an older page's stale hash gets today's file, revalidated).
    /// </summary>
    public (string Path, bool Immutable) Resolve(string path)
    {
        var match = HashedName().Match(path);
        if (!match.Success)
        {
            return (path, false);
        }

        var plain = match.Groups["stem"].Value + "." + match.Groups["ext"].Value;
        var asset = Find(plain);
        return asset is null ? (path, false) : (plain, asset.Hash == match.Groups["hash"].Value);
    }

    /// <summary>A page with every <c>src="/…"</c> and <c>href="/…"</c> naming a script, style or icon given its hashed name.</summary>
    public string Rewrite(string html) => LocalReference().Replace(html, match =>
    {
        var url = match.Groups["url"].Value;
        var asset = Find(url.TrimStart('/'));
        if (asset is null)
        {
            return match.Value;
        }

        var dot = url.LastIndexOf('.');
        return $"{match.Groups["attr"].Value}=\"{url[..dot]}.{asset.Hash}{url[dot..]}\"";
    });

    /// <summary>The body to send for what the browser accepts, and its Content-Encoding (null for none).</summary>
    public static (byte[] Body, string? Encoding) Negotiate(Asset asset, string acceptEncoding) =>
        asset.Brotli is not null && Accepts(acceptEncoding, "br") ? (asset.Brotli, "br")
        : asset.Gzip is not null && Accepts(acceptEncoding, "gzip") ? (asset.Gzip, "gzip")
        : (asset.Plain, null);

    private static bool Accepts(string acceptEncoding, string coding) =>
        acceptEncoding.Split(',').Select(part => part.Split(';')).Any(part =>
            part[0].Trim().Equals(coding, StringComparison.OrdinalIgnoreCase)
            && !part.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"));

    private static bool IsCompressible(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".html" or ".js" or ".css" or ".svg" or ".json" or ".md" or ".txt";

    private static byte[] Compress(byte[] plain, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(plain);
        }

        return output.ToArray();
    }

    [GeneratedRegex(@"^(?<stem>.+)\.(?<hash>[0-9a-f]{10})\.(?<ext>js|css|svg)$")]
    private static partial Regex HashedName();

    [GeneratedRegex(@"(?<attr>src|href)=""(?<url>/[^""?#:]+\.(?:js|css|svg))""")]
    private static partial Regex LocalReference();
}
