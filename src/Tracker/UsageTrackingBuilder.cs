using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using UsageDashboard.Tracker.Storage;

namespace UsageDashboard.Tracker;

/// <summary>
/// Returned by <c>AddUsageTracking()</c> to add stores and post-storage hooks. Every store receives
/// every batch; hooks run after each store that wrote a batch successfully.
/// </summary>
public sealed class UsageTrackingBuilder
{
    internal UsageTrackingBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection the tracker is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a store resolved from the container (one instance per type).</summary>
    public UsageTrackingBuilder AddStore<TStore>() where TStore : class, IUsageStore
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IUsageStore, TStore>());
        return this;
    }

    /// <summary>Adds a store instance; several instances of one type may be added.</summary>
    public UsageTrackingBuilder AddStore(IUsageStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Services.AddSingleton(store);
        return this;
    }

    /// <summary>
    /// Adds a store that writes each record through <see cref="ILogger"/> at Information level
    /// (the original's <c>PrintStorage</c> / <c>OutputWriter</c>).
    /// </summary>
    /// <param name="transform">Turns a record into the logged text; by default the record as JSON.</param>
    public UsageTrackingBuilder AddLoggerStore(Func<UsageRecord, string>? transform = null)
    {
        Services.AddSingleton<IUsageStore>(sp => new LoggerUsageStore(sp.GetRequiredService<ILogger<LoggerUsageStore>>(), transform));
        return this;
    }

    /// <summary>Adds a post-storage hook resolved from the container (one instance per type).</summary>
    public UsageTrackingBuilder AddHook<THook>() where THook : class, IUsageStoreHook
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IUsageStoreHook, THook>());
        return this;
    }

    /// <summary>Adds a post-storage hook instance.</summary>
    public UsageTrackingBuilder AddHook(IUsageStoreHook hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        Services.AddSingleton(hook);
        return this;
    }
}
