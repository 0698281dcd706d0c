using System.Runtime.CompilerServices;
using System.Text;

namespace ComplaintFlow.Core;

internal static class CodePages
{
    /// <summary>
    /// GB2312, GBK, GB18030 and Big5 for the whole process, before any code of this assembly runs: MimeKit reads the
    /// encodings it can use once, when it is first touched (an address check, a MIME parse), so registering later
    /// (as a static constructor of the parser did) left Big5 mail undecodable whenever an address was checked first.
    /// </summary>
#pragma warning disable CA2255 // A library's module initializer is the one place that runs before every caller's first use of MimeKit.
    [ModuleInitializer]
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
#pragma warning restore CA2255
}
