using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace UsageDashboard.Tracker.Storage;

/// <summary>
/// Writes each record through <see cref="ILogger"/> at Information level (the original's
/// <c>PrintStorage</c> / <c>OutputWriter</c>): as snake_case JSON, or through a transform.
/// </summary>
internal sealed partial class LoggerUsageStore(ILogger<LoggerUsageStore> logger, Func<UsageRecord, string>? transform) : IUsageStore
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Name => "logger";

    public ValueTask StoreAsync(IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return ValueTask.CompletedTask;
        }

        foreach (var record in batch)
        {
            LogRecord(logger, transform is null ? JsonSerializer.Serialize(record, s_json) : transform(record));
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Information, "{UsageRecord}")]
    private static partial void LogRecord(ILogger logger, string usageRecord);
}
