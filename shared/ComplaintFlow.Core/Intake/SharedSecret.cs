using System.Security.Cryptography;
using System.Text;

namespace ComplaintFlow.Core.Intake;

/// <summary>Compares a secret a webhook request carries with the configured one, in time independent of where they differ.</summary>
public static class SharedSecret
{
    public static bool Matches(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
