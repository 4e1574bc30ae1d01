using Microsoft.Extensions.Options;

namespace UsageDashboard.Tracker.Tests.Enrichment;

/// <summary>Fixed options for a unit under test.</summary>
internal sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
