using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using UsageDashboard.Tracker.Buffering;
using UsageDashboard.Tracker.Tests.Support;

namespace UsageDashboard.Tracker.Tests.Hosting;

public sealed class UsageTrackingServiceCollectionExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddUsageTracking();
        using var app = builder.Build();

        var options = app.Services.GetRequiredService<IOptions<UsageTrackingOptions>>().Value;

        Assert.True(options.Enabled);
        Assert.Equal(UsageTrackingMode.Exclude, options.Mode);
        Assert.Equal(100_000, options.QueueCapacity);
        Assert.Equal(1000, options.BatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.FlushInterval);
        Assert.Equal(app.Services.GetRequiredService<IHostEnvironment>().ApplicationName, options.ApplicationName);
    }

    [Theory]
    [InlineData("PostgreSql", null, 5000)]
    [InlineData("Sqlite", null, 1000)]
    [InlineData("PostgreSql", "1000", 1000)]
    [InlineData("Sqlite", "5000", 5000)]
    public void BatchSize_FollowsTheDatabase_UnlessConfigured(string provider, string? configured, int expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["UsageTracking:Storage:Provider"] = provider,
            ["ConnectionStrings:Usage"] = provider == "Sqlite" ? "Data Source=usage.db" : "Host=127.0.0.1;Database=usage",
        };
        if (configured is not null)
        {
            settings["UsageTracking:BatchSize"] = configured;
        }

        var builder = TrackedApp.CreateBuilder(settings);
        builder.Services.AddUsageTracking();
        using var app = builder.Build();

        Assert.Equal(expected, app.Services.GetRequiredService<IOptions<UsageTrackingOptions>>().Value.BatchSize);
    }

    [Fact]
    public void BatchSize_SetInCode_IsKept_WhateverTheDatabase_AndWhereverItIsSet()
    {
        var builder = TrackedApp.CreateBuilder(new Dictionary<string, string?>
        {
            ["UsageTracking:Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:Usage"] = "Host=127.0.0.1;Database=usage",
        });
        builder.Services.Configure<UsageTrackingOptions>(o => o.BatchSize = 1000);
        builder.Services.AddUsageTracking();
        using var app = builder.Build();

        Assert.Equal(1000, app.Services.GetRequiredService<IOptions<UsageTrackingOptions>>().Value.BatchSize);
    }

    [Fact]
    public void Options_AreBoundFromTheUsageTrackingSection()
    {
        var builder = TrackedApp.CreateBuilder(new Dictionary<string, string?>
        {
            ["UsageTracking:Enabled"] = "false",
            ["UsageTracking:ApplicationName"] = "shop-frontend",
            ["UsageTracking:Mode"] = "Include",
            ["UsageTracking:QueueCapacity"] = "5",
            ["UsageTracking:BatchSize"] = "7",
            ["UsageTracking:FlushInterval"] = "00:00:02",
        });
        builder.Services.AddUsageTracking();
        using var app = builder.Build();

        var options = app.Services.GetRequiredService<IOptions<UsageTrackingOptions>>().Value;

        Assert.False(options.Enabled);
        Assert.Equal("shop-frontend", options.ApplicationName);
        Assert.Equal(UsageTrackingMode.Include, options.Mode);
        Assert.Equal(5, options.QueueCapacity);
        Assert.Equal(7, options.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(2), options.FlushInterval);
    }

    [Theory]
    [InlineData("include", UsageTrackingMode.Include)]
    [InlineData("EXCLUDE", UsageTrackingMode.Exclude)]
    [InlineData(" Include ", UsageTrackingMode.Include)]
    public void Mode_AcceptsItsNamesInAnyCase(string configured, UsageTrackingMode expected)
    {
        var builder = TrackedApp.CreateBuilder(new Dictionary<string, string?> { ["UsageTracking:Mode"] = configured });
        builder.Services.AddUsageTracking();
        using var app = builder.Build();

        Assert.Equal(expected, app.Services.GetRequiredService<IOptions<UsageTrackingOptions>>().Value.Mode);
    }

    // The original: TRACK_USAGE_INCLUDE_OR_EXCLUDE_VIEWS = '' raises at construction.
    [Theory]
    [InlineData("")]
    [InlineData("both")]
    [InlineData("Includ")]
    [InlineData("1")]
    public async Task InvalidMode_FailsAtStartup_NamingTheKeyAndTheAllowedValues(string configured)
    {
        var builder = TrackedApp.CreateBuilder(new Dictionary<string, string?> { ["UsageTracking:Mode"] = configured });
        builder.Services.AddUsageTracking();
        await using var app = builder.Build();
        app.UseUsageTracking();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));

        Assert.Contains("UsageTracking:Mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Exclude'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Include'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{configured}'", error.Message, StringComparison.Ordinal);
    }

    // The original: changing the type to something unsupported after construction fails.
    [Fact]
    public async Task ModeSetInCodeToAnUndefinedValue_FailsAtStartup()
    {
        var builder = TrackedApp.CreateBuilder();
        builder.Services.AddUsageTracking(o => o.Mode = (UsageTrackingMode)7);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));

        Assert.Contains("UsageTracking:Mode", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UsageTracking:QueueCapacity", "0")]
    [InlineData("UsageTracking:BatchSize", "-1")]
    [InlineData("UsageTracking:FlushInterval", "00:00:00")]
    public async Task UnusableSizes_FailAtStartup_NamingTheKey(string key, string value)
    {
        var builder = TrackedApp.CreateBuilder(new Dictionary<string, string?> { [key] = value });
        builder.Services.AddUsageTracking();
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigureInCode_OverridesConfiguration()
    {
        var builder = TrackedApp.CreateBuilder(new Dictionary<string, string?> { ["UsageTracking:Mode"] = "Exclude" });
        builder.Services.AddUsageTracking(o => o.Mode = UsageTrackingMode.Include);
        using var app = builder.Build();

        Assert.Equal(UsageTrackingMode.Include, app.Services.GetRequiredService<IOptions<UsageTrackingOptions>>().Value.Mode);
    }

    [Fact]
    public void CallingTwice_RegistersTheWriterOnce()
    {
        var builder = TrackedApp.CreateBuilder();
        builder.Services.AddUsageTracking();
        builder.Services.AddUsageTracking();
        using var app = builder.Build();

        Assert.Single(app.Services.GetServices<IHostedService>().OfType<UsageWriter>());
    }

    [Fact]
    public void Builder_AddsStoresAndHooks()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        var first = new TestUsageStore("first");
        var second = new TestUsageStore("second");
        var hook = new RecordingHook();

        var tracking = services.AddUsageTracking();
        TrackedApp.RemoveDefaultStores(services);
        tracking.AddStore(first).AddStore(second).AddStore<TypedStore>().AddStore<TypedStore>()
            .AddLoggerStore().AddHook(hook).AddHook<OtherHook>().AddHook<OtherHook>();
        using var provider = services.BuildServiceProvider();

        var stores = provider.GetServices<IUsageStore>().ToList();
        Assert.Equal(["first", "second", "typed", "logger"], stores.Select(s => s.Name));
        Assert.Equal(2, provider.GetServices<IUsageStoreHook>().Count());
        Assert.Same(services, tracking.Services);
    }

    private sealed class OtherHook : IUsageStoreHook
    {
        public ValueTask OnBatchStoredAsync(IUsageStore store, IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class TypedStore : IUsageStore
    {
        public string Name => "typed";

        public ValueTask StoreAsync(IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
