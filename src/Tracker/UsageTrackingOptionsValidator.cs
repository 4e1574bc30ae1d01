using Microsoft.Extensions.Options;

namespace UsageDashboard.Tracker;

/// <summary>Rejects settings the tracker cannot run with, at startup, with messages naming the key.</summary>
internal sealed class UsageTrackingOptionsValidator : IValidateOptions<UsageTrackingOptions>
{
    public ValidateOptionsResult Validate(string? name, UsageTrackingOptions options)
    {
        List<string>? failures = null;
        if (!Enum.IsDefined(options.Mode))
        {
            (failures ??= []).Add(UsageTrackingModeCheck.Message(options.Mode.ToString()));
        }

        if (options.QueueCapacity < 1)
        {
            (failures ??= []).Add($"UsageTracking:QueueCapacity must be at least 1 (was {options.QueueCapacity}).");
        }

        if (options.BatchSize is < 1)
        {
            (failures ??= []).Add($"UsageTracking:BatchSize must be at least 1 (was {options.BatchSize}).");
        }

        if (options.FlushInterval <= TimeSpan.Zero || options.FlushInterval > TimeSpan.FromMinutes(10))
        {
            (failures ??= []).Add($"UsageTracking:FlushInterval must be above zero and at most 10 minutes (was {options.FlushInterval}).");
        }

        if (string.IsNullOrWhiteSpace(options.ApplicationName))
        {
            (failures ??= []).Add("UsageTracking:ApplicationName must not be empty.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
