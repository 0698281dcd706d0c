using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Core.Desk;

public enum RefusalKind
{
    /// <summary>A field is missing or wrong: answer 400 naming it.</summary>
    Invalid,

    /// <summary>The person may not do this: answer 403.</summary>
    Forbidden,

    /// <summary>The complaint is not in a state that allows it: answer 409.</summary>
    WrongState,
}

/// <summary>Why the desk did not carry out an action, in the words of the person who asked.</summary>
public sealed class DeskRefusal(RefusalKind kind, IReadOnlyList<ValidationError> errors)
    : Exception(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public RefusalKind Kind { get; } = kind;
    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    public static DeskRefusal Of(RefusalKind kind, string field, string message) => new(kind, [new ValidationError(field, message)]);
}
