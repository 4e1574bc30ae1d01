using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace UsageDashboard.Tracker;

/// <summary>
/// Checks the configured <c>UsageTracking:Mode</c> text before the configuration binder sees it: the
/// binder's own error for a bad enum value names neither the allowed values nor the fix.
/// </summary>
internal static class UsageTrackingModeCheck
{
    public const string Key = UsageTrackingOptions.SectionName + ":" + nameof(UsageTrackingOptions.Mode);

    public static void ThrowIfInvalid(UsageTrackingOptions options, IConfiguration configuration)
    {
        var value = configuration[Key];
        if (value is null || IsAllowed(value))
        {
            return;
        }

        throw new OptionsValidationException(Options.DefaultName, typeof(UsageTrackingOptions), [Message(value)]);
    }

    public static string Message(string value) =>
        $"Configuration key '{Key}' has the value '{value}'; allowed values are " +
        $"'{nameof(UsageTrackingMode.Exclude)}' (track everything except excluded endpoints, the default) " +
        $"and '{nameof(UsageTrackingMode.Include)}' (track only included endpoints).";

    private static bool IsAllowed(string value)
    {
        var text = value.AsSpan().Trim();
        return text.Equals(nameof(UsageTrackingMode.Exclude), StringComparison.OrdinalIgnoreCase)
            || text.Equals(nameof(UsageTrackingMode.Include), StringComparison.OrdinalIgnoreCase);
    }
}
