using System.Globalization;

namespace ComplaintFlow.Core.Desk;

/// <summary>
/// The limits used when <c>ComplaintFlow:Portal:CompensationLimits</c> and <c>:CompensationCeilings</c> are not set:
/// the currencies the desk's markets use (<see cref="CompensationCurrency"/>), an agent's own limit a day's goodwill,
/// a supervisor's ten times that, the ceiling fifty times that.
/// </summary>
public static class CompensationLimitDefaults
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> Limits { get; } = new Dictionary<string, IReadOnlyDictionary<string, decimal>>(StringComparer.OrdinalIgnoreCase)
    {
        [StaffRoles.Agent] = new Dictionary<string, decimal> { ["CNY"] = 1_000m, ["HKD"] = 1_000m, ["MOP"] = 1_000m, ["TWD"] = 4_000m, ["GBP"] = 200m, ["USD"] = 250m, ["EUR"] = 200m },
        [StaffRoles.Supervisor] = new Dictionary<string, decimal> { ["CNY"] = 10_000m, ["HKD"] = 10_000m, ["MOP"] = 10_000m, ["TWD"] = 40_000m, ["GBP"] = 2_000m, ["USD"] = 2_500m, ["EUR"] = 2_000m },
    };

    public static IReadOnlyDictionary<string, decimal> Ceilings { get; } = new Dictionary<string, decimal>
    {
        ["CNY"] = 50_000m,
        ["HKD"] = 50_000m,
        ["MOP"] = 50_000m,
        ["TWD"] = 200_000m,
        ["GBP"] = 10_000m,
        ["USD"] = 12_500m,
        ["EUR"] = 10_000m,
    };
}

/// <summary>
/// The four-eyes rule on redress: how much a member of staff may record as compensation on their own, per role and
/// currency, and the ceiling nobody may exceed. Amounts compare in the currency they are recorded in: no exchange
/// rates, so every currency the desk offers has its own limits.
/// </summary>
public sealed class CompensationLimits
{
    private readonly Dictionary<string, Dictionary<string, decimal>> _limits;
    private readonly Dictionary<string, decimal> _ceilings;

    public CompensationLimits(PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limits = (options.CompensationLimits.Count > 0
                ? options.CompensationLimits.Select(r => (r.Key, (IReadOnlyDictionary<string, decimal>)r.Value))
                : CompensationLimitDefaults.Limits.Select(r => (r.Key, r.Value)))
            .ToDictionary(r => r.Key.Trim().ToLowerInvariant(), r => r.Item2.ToDictionary(c => c.Key.Trim().ToUpperInvariant(), c => c.Value));
        _ceilings = (options.CompensationCeilings.Count > 0 ? options.CompensationCeilings : CompensationLimitDefaults.Ceilings)
            .ToDictionary(c => c.Key.Trim().ToUpperInvariant(), c => c.Value);
    }

    /// <summary>The currencies compensation can be recorded in (those with a ceiling), in order.</summary>
    public IReadOnlyList<string> Currencies => [.. _ceilings.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The most anyone can record in this currency; null when the desk does not offer it.</summary>
    public decimal? CeilingOf(string currency) => _ceilings.TryGetValue(currency, out var ceiling) ? ceiling : null;

    /// <summary>
    /// The most this person records on their own: their role's limit for the currency (a supervisor the higher of the
    /// agent's and the supervisor's), zero when none is set, never above the ceiling.
    /// </summary>
    public decimal LimitOf(StaffMember staff, string currency)
    {
        ArgumentNullException.ThrowIfNull(staff);
        IEnumerable<string> roles = staff.IsSupervisor ? [StaffRoles.Agent, StaffRoles.Supervisor] : [StaffRoles.Agent];
        var limit = roles.Select(r => _limits.GetValueOrDefault(r)?.GetValueOrDefault(currency) ?? 0m).Max();
        return Math.Min(limit, CeilingOf(currency) ?? 0m);
    }

    public bool NeedsApproval(StaffMember staff, decimal amount, string currency) => amount > LimitOf(staff, currency);

    /// <summary>What is wrong with the configured limits, each naming its key; empty when they are usable.</summary>
    public static IReadOnlyList<string> Problems(PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = PortalOptions.Section;
        var problems = new List<string>();
        var ceilings = options.CompensationCeilings.Count > 0 ? options.CompensationCeilings : CompensationLimitDefaults.Ceilings;
        foreach (var (currency, ceiling) in ceilings)
        {
            if (!IsCurrencyCode(currency))
            {
                problems.Add($"{section}:CompensationCeilings:{currency} is not a three-letter ISO 4217 currency code.");
            }
            else if (ceiling <= 0)
            {
                problems.Add($"{section}:CompensationCeilings:{currency} must be greater than zero.");
            }
        }

        foreach (var (role, limits) in options.CompensationLimits)
        {
            if (!string.Equals(role, StaffRoles.Agent, StringComparison.OrdinalIgnoreCase) && !string.Equals(role, StaffRoles.Supervisor, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{section}:CompensationLimits:{role} is not a desk role: use {StaffRoles.Agent} or {StaffRoles.Supervisor}.");
                continue;
            }

            foreach (var (currency, limit) in limits)
            {
                var key = $"{section}:CompensationLimits:{role}:{currency}";
                var ceiling = ceilings.FirstOrDefault(c => string.Equals(c.Key, currency, StringComparison.OrdinalIgnoreCase));
                if (!IsCurrencyCode(currency))
                {
                    problems.Add($"{key} is not a three-letter ISO 4217 currency code.");
                }
                else if (limit < 0)
                {
                    problems.Add($"{key} must not be negative.");
                }
                else if (ceiling.Key is null)
                {
                    problems.Add($"{key} has no ceiling: set {section}:CompensationCeilings:{currency.ToUpperInvariant()}.");
                }
                else if (limit > ceiling.Value)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key} ({limit}) is above the ceiling {section}:CompensationCeilings:{ceiling.Key} ({ceiling.Value})."));
                }
            }
        }

        return problems;
    }

    internal static bool IsCurrencyCode(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetter);
}
