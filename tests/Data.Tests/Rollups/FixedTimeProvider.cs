namespace UsageDashboard.Data.Tests.Rollups;

/// <summary>A clock standing still at a settable instant.</summary>
internal sealed class FixedTimeProvider(DateTime utcNow) : TimeProvider
{
    public DateTime UtcNow { get; set; } = utcNow;

    public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);
}
