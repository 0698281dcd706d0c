using ComplaintFlow.Core.Deadlines;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Deadlines;

/// <summary>Loads the policy and calendars while options are validated, so a bad file stops the app at start.</summary>
public sealed class DeadlineRulesValidation : IValidateOptions<DeadlineOptions>
{
    public ValidateOptionsResult Validate(string? name, DeadlineOptions options)
    {
        try
        {
            DeadlineRules.Load(options);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is DeadlinePolicyException or IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
