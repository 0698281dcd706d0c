using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComplaintFlow.Core.Deadlines;

/// <summary>
/// A progress notice (进展反馈) before a customer-facing deadline: at <see cref="Before"/> ahead of it, a complaint still
/// open whose customer has heard nothing from us for <see cref="UnlessContactedWithin"/> is told where it stands.
/// </summary>
public sealed record ProgressNoticeSpec
{
    // Not `required` in the type, so a policy without them is refused by name rather than as unreadable JSON.
    public DurationSpec Before { get; init; } = null!;

    /// <summary>A notice sent to the customer (or a person's contact) this recently makes the progress notice unnecessary.</summary>
    public DurationSpec UnlessContactedWithin { get; init; } = null!;

    /// <summary>Settings the file has but this type does not: a misspelling, refused at load (names starting with _ are comments).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownSettings { get; init; }
}

/// <summary>
/// The follow-up (回访) after every resolution: a task with its own deadline (<see cref="Within"/> of the resolution, on
/// the policy's calendar), done by a call or a message, or by the customer answering the survey.
/// </summary>
public sealed record FollowUpPolicy
{
    /// <summary>Not <c>required</c> in the type, so a policy without it is refused by name rather than as unreadable JSON.</summary>
    public DurationSpec? Within { get; init; }

    /// <summary>Tries that did not reach the customer before the follow-up is closed as unreachable.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Settings the file has but this type does not: a misspelling, refused at load (names starting with _ are comments).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownSettings { get; init; }
}
