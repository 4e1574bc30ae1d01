using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UsageDashboard.Data;
using UsageDashboard.Data.Rules;
using UsageDashboard.TestSupport;
using UsageDashboard.Tracker.Rules;
using UsageDashboard.Tracker.Selection;

namespace UsageDashboard.Tracker.Tests.Rules;

public sealed class TrackingRulesPollerTests : IDisposable
{
    private const string App = "poller-app";

    private readonly TemporarySqliteFile _file = new("poller");
    private readonly SwitchableFactory _contexts;
    private readonly TrackingRulesStore _store;
    private readonly RuntimeTrackingRules _rules = new();
    private readonly Monitor<UsageTrackingOptions> _tracking = new(new UsageTrackingOptions { ApplicationName = App });
    private readonly TrackingPolicy _policy;
    private readonly CountingLogger _log = new();
    private readonly TrackingRulesPoller _poller;
    private readonly RouteEndpoint _shop = Endpoint("/shop/products", "shop");
    private readonly RouteEndpoint _root = Endpoint("/", null);

    public TrackingRulesPollerTests()
    {
        _contexts = new SwitchableFactory(new DbContextOptionsBuilder<UsageDbContext>().UseSqlite(_file.ConnectionString).Options);
        using (var db = _contexts.CreateDbContext())
        {
            db.Database.EnsureCreated();
        }

        _store = new TrackingRulesStore(_contexts, TimeProvider.System);
        _policy = new TrackingPolicy(_tracking, _rules);
        _poller = new TrackingRulesPoller(_store, _rules, _policy, _tracking, new Monitor<UsageTrackingRulesOptions>(new UsageTrackingRulesOptions()),
            TimeProvider.System, _log);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_group_override_is_picked_up_on_the_next_poll_and_applies_only_to_its_group()
    {
        await RegisterAsync();
        Assert.True(await _poller.PollOnceAsync(Ct));
        Assert.True(_policy.Get(_shop).IsTracked);

        await _store.SetGroupAsync(App, "shop", TrackingSetting.Exclude, "alice", Ct);
        Assert.True(await _poller.PollOnceAsync(Ct));

        Assert.False(_policy.Get(_shop).IsTracked);
        Assert.True(_policy.Get(_root).IsTracked);
        Assert.False(await _poller.PollOnceAsync(Ct)); // unchanged counter: no reload
    }

    [Fact]
    public async Task An_endpoint_override_beats_the_group_override_in_the_tracker()
    {
        await RegisterAsync();
        await _store.SetGroupAsync(App, "shop", TrackingSetting.Exclude, "alice", Ct);
        var id = UsageDashboard.Data.Rules.EndpointIdentity.Compute(App, "GET", "/shop/products");
        await _store.SetEndpointAsync(App, id, TrackingSetting.Track, "alice", Ct);

        await _poller.PollOnceAsync(Ct);

        Assert.True(_policy.Get(_shop).IsTracked);
    }

    [Fact]
    public async Task An_endpoint_the_tracker_registered_obeys_its_override_even_with_a_route_longer_than_is_recorded()
    {
        // The catalog registers the route as it is recorded, cut to its limit; the tracker must find the same id in it.
        var endpoint = Endpoint("/shop/" + new string('r', 600), "shop");
        await RegisterThroughTrackerAsync(endpoint);
        var registered = Assert.Single((await _store.GetApplicationAsync(App, Ct))!.Groups.SelectMany(g => g.Endpoints));
        await _store.SetEndpointAsync(App, registered.Id, TrackingSetting.Exclude, "alice", Ct);

        await _poller.PollOnceAsync(Ct);

        Assert.False(_policy.Get(endpoint).IsTracked);
    }

    [Fact]
    public async Task A_group_whose_name_the_database_stores_cleaned_obeys_its_override()
    {
        // A NUL in a group's name in code: the catalog stores it replaced, and the admin's rule comes back so.
        var endpoint = Endpoint("/odd/items", "od\0d");
        await RegisterThroughTrackerAsync(endpoint);
        Assert.NotNull(await _store.SetGroupAsync(App, "od\0d", TrackingSetting.Exclude, "alice", Ct));

        await _poller.PollOnceAsync(Ct);

        Assert.Equal("od\uFFFDd", _policy.Get(endpoint).Group);
        Assert.False(_policy.Get(endpoint).IsTracked);
    }

    [Fact]
    public async Task When_the_database_fails_the_last_rules_stay_and_the_failure_is_logged_once()
    {
        await RegisterAsync();
        await _store.SetGroupAsync(App, "shop", TrackingSetting.Exclude, "alice", Ct);
        await _poller.PollOnceAsync(Ct);

        _contexts.Broken = true;
        Assert.False(await _poller.PollOnceAsync(Ct));
        Assert.False(await _poller.PollOnceAsync(Ct));

        Assert.False(_policy.Get(_shop).IsTracked);
        Assert.Equal(1, _log.Warnings);

        _contexts.Broken = false;
        await _store.SetGroupAsync(App, "shop", TrackingSetting.Default, "alice", Ct);
        Assert.True(await _poller.PollOnceAsync(Ct));
        Assert.True(_policy.Get(_shop).IsTracked);
    }

    [Fact]
    public async Task A_mode_override_decides_unmatched_requests_and_undecided_endpoints()
    {
        await RegisterAsync();
        Assert.True(_policy.TrackUnmatched);

        await _store.SetModeAsync(App, TrackingMode.Include, "alice", Ct);
        await _poller.PollOnceAsync(Ct);

        Assert.False(_policy.TrackUnmatched);
        Assert.False(_policy.Get(_root).IsTracked);
    }

    /// <summary>Registers <paramref name="endpoint"/> as the tracker's registrar describes it at startup.</summary>
    private async Task RegisterThroughTrackerAsync(RouteEndpoint endpoint)
    {
        await using var services = new ServiceCollection().AddSingleton<EndpointDataSource>(new DefaultEndpointDataSource(endpoint))
            .BuildServiceProvider();
        using var registrar = new EndpointCatalogRegistrar(new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), services,
            _store, _policy, _tracking, new Monitor<UsageTrackingRulesOptions>(new UsageTrackingRulesOptions()), TimeProvider.System,
            NullLogger<EndpointCatalogRegistrar>.Instance);
        await _store.RegisterCatalogAsync(registrar.Describe(DateTime.UtcNow), Ct);
    }

    private Task RegisterAsync() => _store.RegisterCatalogAsync(new CatalogRegistration(App, TrackingMode.Exclude,
        [
            new("shop", "/shop/products", "GET", "shop products", TrackingSetting.Default),
            new(null, "/", "GET", "root", TrackingSetting.Default),
        ], DateTime.UtcNow), Ct);

    private static RouteEndpoint Endpoint(string pattern, string? group)
    {
        var metadata = new List<object> { new HttpMethodMetadata(["GET"]) };
        if (group is not null)
        {
            metadata.Add(new UsageGroupAttribute(group));
        }

        return new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, new EndpointMetadataCollection(metadata), pattern);
    }

    public void Dispose()
    {
        _policy.Dispose();
        _file.Dispose();
    }

    private sealed class SwitchableFactory(DbContextOptions<UsageDbContext> options) : IDbContextFactory<UsageDbContext>
    {
        public bool Broken { get; set; }

        public UsageDbContext CreateDbContext() =>
            Broken ? throw new InvalidOperationException("database unreachable") : new UsageDbContext(options);
    }

    private sealed class Monitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }

    private sealed class CountingLogger : ILogger<TrackingRulesPoller>
    {
        public int Warnings { get; private set; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings++;
            }
        }
    }
}
