using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using UsageDashboard.Tracker.Buffering;
using UsageDashboard.TestSupport;
using UsageDashboard.Tracker.Enrichment;

namespace UsageDashboard.Tracker.Tests.Support;

/// <summary>
/// A real Kestrel host on 127.0.0.1 with a random port, the tracker and an in-memory store.
/// <see cref="StopAsync"/> shuts the host down gracefully, which flushes the tracker's queue, so
/// tests assert on exactly what was recorded without waiting on timing.
/// </summary>
internal sealed class TrackedApp : IAsyncDisposable
{
    private bool _stopped;

    private TrackedApp(WebApplication app, TestUsageStore store, ListLoggerProvider logs)
    {
        App = app;
        Store = store;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public TestUsageStore Store { get; }

    public ListLoggerProvider Logs { get; }

    public UsageTrackingCounters Counters => App.Services.GetRequiredService<UsageTrackingMetrics>().Snapshot();

    public static async Task<TrackedApp> StartAsync(
        Action<WebApplication> map,
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder, UsageTrackingBuilder>? configure = null,
        Action<WebApplication>? pipeline = null)
    {
        var builder = CreateBuilder(settings);
        var store = new TestUsageStore();
        var tracking = builder.Services.AddUsageTracking();
        RemoveDefaultStores(builder.Services);
        tracking.AddStore(store);
        configure?.Invoke(builder, tracking);
        var logs = new ListLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);

        var app = builder.Build();
        if (pipeline is null)
        {
            app.UseUsageTracking();
        }
        else
        {
            pipeline(app);
        }

        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TrackedApp(app, store, logs);
    }

    public static WebApplicationBuilder CreateBuilder(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var values = new Dictionary<string, string?>
        {
            ["UsageTracking:FlushInterval"] = "00:00:00.020",
            ["UsageTracking:Storage:MigrateOnStartup"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        return builder;
    }

    /// <summary>
    /// Removes what AddUsageTracking adds by default around storage: the database store, enrichment and the rollup hook.
    /// The tests use their own stores and see records as captured; the defaults are covered by <c>DatabaseStoreTests</c>
    /// and the enrichment tests.
    /// </summary>
    public static void RemoveDefaultStores(IServiceCollection services)
    {
        services.RemoveAll<IUsageStore>();
        services.RemoveAll<IUsageEnricher>();
        services.RemoveAll<IUsageStoreHook>();
    }

    public async Task<HttpResponseMessage> GetAsync(string path) =>
        await Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) =>
        await Client.SendAsync(request, TestContext.Current.CancellationToken);

    /// <summary>Stops the host gracefully (flushing the queue) and returns everything recorded.</summary>
    public async Task<IReadOnlyList<UsageRecord>> StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await App.StopAsync(TestContext.Current.CancellationToken);
        }

        return Store.Records;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_stopped)
        {
            _stopped = true;
            await App.StopAsync();
        }

        await App.DisposeAsync();
    }
}
