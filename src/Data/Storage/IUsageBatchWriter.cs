using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Storage;

/// <summary>A provider's bulk insert path. A batch is written completely or not at all.</summary>
internal interface IUsageBatchWriter : IDisposable
{
    ValueTask WriteAsync(IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken);
}
