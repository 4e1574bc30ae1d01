using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data.Rules;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Tests.Rules;

/// <summary>Store behaviour, written once and run against every provider.</summary>
public abstract class TrackingRulesStoreTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly ManualClock _time = new(new DateTimeOffset(Start));
    private IDbContextFactory<UsageDbContext> _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TrackingRulesStore Store => new(_factory, _time);

    protected abstract Task<IDbContextFactory<UsageDbContext>> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        _factory = await CreateDatabaseAsync();
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CatalogRegistration ShopApp(DateTime startedAt, bool withCart = true)
    {
        var endpoints = new List<CatalogEndpointInfo>
        {
            new(null, "/", "GET", "HTTP: GET /", TrackingSetting.Default),
            new("shop", "/shop/products", "GET", "HTTP: GET /shop/products", TrackingSetting.Default),
            new("shop", "/shop/products/{id}", "GET", "HTTP: GET /shop/products/{id}", TrackingSetting.Default),
            new("admin", "/admin/users", "GET", "HTTP: GET /admin/users", TrackingSetting.Exclude),
        };
        if (withCart)
        {
            endpoints.Add(new("shop", "/shop/cart", "POST", "HTTP: POST /shop/cart", TrackingSetting.Default));
        }

        return new CatalogRegistration("host", TrackingMode.Exclude, endpoints, startedAt);
    }

    private static string Id(string methods, string pattern) => EndpointIdentity.Compute("host", methods, pattern);

    [Fact]
    public async Task Registered_catalog_lists_groups_endpoints_and_effective_states()
    {
        await Store.RegisterCatalogAsync(ShopApp(Start), Ct);

        var app = Assert.Single(await Store.GetRulesAsync(Ct));

        Assert.Equal("host", app.Name);
        Assert.Equal(["admin", "shop", null], app.Groups.Select(g => g.Name));
        var shop = app.Groups.Single(g => g.Name == "shop");
        Assert.Equal(["/shop/cart", "/shop/products", "/shop/products/{id}"], shop.Endpoints.Select(e => e.RoutePattern));
        Assert.All(shop.Endpoints, e => Assert.Equal(new EffectiveTracking(true, TrackingSource.ApplicationMode), e.Effective));
        var admin = Assert.Single(app.Groups.Single(g => g.Name == "admin").Endpoints);
        Assert.Equal(new EffectiveTracking(false, TrackingSource.Code), admin.Effective);
        Assert.Equal(Id("GET", "/admin/users"), admin.Id);
        Assert.Equal(Start, admin.LastSeen);
    }

    [Fact]
    public async Task Endpoints_gone_from_the_app_are_marked_stale_not_deleted_and_return_fresh()
    {
        await Store.RegisterCatalogAsync(ShopApp(Start), Ct);
        await Store.RegisterCatalogAsync(ShopApp(Start.AddHours(1), withCart: false), Ct);

        var endpoints = (await Store.GetApplicationAsync("host", Ct))!.Groups.SelectMany(g => g.Endpoints).ToList();
        var cart = endpoints.Single(e => e.RoutePattern == "/shop/cart");
        Assert.True(cart.Stale);
        Assert.Equal(Start, cart.LastSeen);
        Assert.All(endpoints.Where(e => e != cart), e => Assert.Equal(Start.AddHours(1), e.LastSeen));
        Assert.All(endpoints.Where(e => e != cart), e => Assert.False(e.Stale));

        await Store.RegisterCatalogAsync(ShopApp(Start.AddHours(2)), Ct);
        cart = (await Store.GetApplicationAsync("host", Ct))!.Groups.SelectMany(g => g.Endpoints).Single(e => e.RoutePattern == "/shop/cart");
        Assert.False(cart.Stale);
        Assert.Equal(Start.AddHours(2), cart.LastSeen);
    }

    [Fact]
    public async Task Group_override_bumps_version_applies_to_its_endpoints_and_is_audited()
    {
        await Store.RegisterCatalogAsync(ShopApp(Start), Ct);
        var before = await Store.GetVersionAsync(Ct);

        var group = await Store.SetGroupAsync("host", "shop", TrackingSetting.Exclude, "alice", Ct);

        Assert.NotNull(group);
        Assert.Equal(TrackingSetting.Exclude, group.Override);
        Assert.All(group.Endpoints, e => Assert.Equal(new EffectiveTracking(false, TrackingSource.GroupOverride), e.Effective));
        Assert.Equal(before + 1, await Store.GetVersionAsync(Ct));

        var snapshot = await Store.LoadSnapshotAsync("host", Ct);
        Assert.Equal(before + 1, snapshot.Version);
        Assert.Equal(TrackingSetting.Exclude, snapshot.Groups["shop"]);
        Assert.False(snapshot.Decide(Id("GET", "/shop/products"), "shop", TrackingSetting.Default, TrackingMode.Exclude).Tracked);
        Assert.True(snapshot.Decide(Id("GET", "/"), null, TrackingSetting.Default, TrackingMode.Exclude).Tracked);

        var audit = Assert.Single(await Store.GetAuditAsync(cancellationToken: Ct));
        Assert.Equal(("alice", "host", RuleScope.Group, "shop", "default", "exclude", Start),
            (audit.User, audit.Application, audit.Scope, audit.Target, audit.OldValue, audit.NewValue, audit.At));
    }

    [Fact]
    public async Task Names_holding_what_a_database_refuses_are_unknown_rather_than_failing()
    {
        await Store.RegisterCatalogAsync(ShopApp(Start), Ct);
        var version = await Store.GetVersionAsync(Ct);

        // A NUL (PostgreSQL refuses it in a text parameter), as a crafted API path can carry.
        Assert.Null(await Store.SetGroupAsync("host", "sh\0op", TrackingSetting.Exclude, "alice", Ct));
        Assert.Null(await Store.SetGroupAsync("ho\0st", "shop", TrackingSetting.Exclude, "alice", Ct));
        Assert.Null(await Store.SetEndpointAsync("host", "i\0d", TrackingSetting.Exclude, "alice", Ct));
        Assert.Null(await Store.SetModeAsync("ho\0st", TrackingMode.Include, "alice", Ct));
        Assert.Null(await Store.GetApplicationAsync("ho\0st", Ct));
        Assert.Empty(await Store.GetAuditAsync(application: "ho\0st", cancellationToken: Ct));
        Assert.Empty((await Store.LoadSnapshotAsync("ho\0st", Ct)).Groups);
        Assert.Equal(version, await Store.GetVersionAsync(Ct));
    }

    [Fact]
    public async Task A_host_whose_names_the_database_would_refuse_registers_them_as_its_columns_hold_text()
    {
        // A NUL and more characters than the columns hold, in every name a host gives from its configuration and code.
        var application = "ho\0st" + new string('a', 300);
        var group = "sh\0op" + new string('g', 300);
        var route = "/shop/" + new string('r', 1200);
        var display = "HTTP: GET\0 " + new string('d', 600);
        var user = "ali\0ce" + new string('u', 300);
        await Store.RegisterCatalogAsync(new CatalogRegistration(application, TrackingMode.Exclude,
            [new(group, route, "GET", display, TrackingSetting.Default)], Start), Ct);

        var app = await Store.GetApplicationAsync(application, Ct);
        Assert.NotNull(app);
        Assert.Equal(("ho\uFFFDst" + new string('a', 300))[..200], app.Name);
        var endpoint = Assert.Single(Assert.Single(app.Groups).Endpoints);
        Assert.Equal(("sh\uFFFDop" + new string('g', 300))[..200], endpoint.Group);
        Assert.Equal(1000, endpoint.RoutePattern.Length);
        Assert.Equal(("HTTP: GET\uFFFD " + new string('d', 600))[..500], endpoint.DisplayName);
        Assert.Equal(EndpointIdentity.Compute(application, "GET", route), endpoint.Id);

        // The same names as given find what was stored, and a change made with them reaches the host's snapshot.
        Assert.NotNull(await Store.SetGroupAsync(application, group, TrackingSetting.Exclude, user, Ct));
        Assert.Equal(TrackingSetting.Exclude, Assert.Single((await Store.LoadSnapshotAsync(application, Ct)).Groups).Value);
        Assert.NotNull(await Store.SetEndpointAsync(application, endpoint.Id, TrackingSetting.Track, user, Ct));
        var audit = await Store.GetAuditAsync(application: application, cancellationToken: Ct);
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(("ali\uFFFDce" + new string('u', 300))[..200], a.User));
        Assert.Contains(audit, a => a.TargetDisplay == "GET " + endpoint.RoutePattern);
    }

    [Fact]
    public async Task Setting_the_same_value_again_changes_nothing()
    {
        await Store.RegisterCatalogAsync(ShopApp(Start), Ct);
        await Store.SetGroupAsync("host", "shop", TrackingSetting.Exclude, "alice", Ct);
        var version = await Store.GetVersionAsync(Ct);

        await Store.SetGroupAsync("host", "shop", TrackingSetting.Exclude, "bob", Ct);

        Assert.Equal(version, await Store.GetVersionAsync(Ct));
        Assert.Single(await Store.GetAuditAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task Default_removes_the_override_and_code_decides_again()
    {
        await Store.RegisterCatalogAsync(ShopApp(Start), Ct);
        await Store.SetGroupAsync("host", "admin", TrackingSetting.Track, "alice", Ct);
        _time.Advance(TimeSpan.FromMinutes(1));

        var group = await Store.SetGroupAsync("host", "admin", TrackingSetting.Default, "bob", Ct);

        Assert.Equal(TrackingSetting.Default, group!.Override);
        Assert.Equal(new EffectiveTracking(false, TrackingSource.Code), Assert.Single(group.Endpoints).Effective);
        Assert.Empty((await Store.LoadSnapshotAsync("host", Ct)).Groups);
        var audit = await Store.GetAuditAsync(cancellationToken: Ct);
        Assert.Equal([("bob", "track", "default"), ("alice", "default", "track")], audit.Select(a => (a.User, a.OldValue, a.NewValue)));
    }

    [Fact]
    public async Task Endpoint_override_beats_the_group_override()
    {
        await Store.RegisterCatalogAsync(ShopApp(Start), Ct);
        await Store.SetGroupAsync("host", "shop", TrackingSetting.Exclude, "alice", Ct);

        var endpoint = await Store.SetEndpointAsync("host", Id("POST", "/shop/cart"), TrackingSetting.Track, "alice", Ct);

        Assert.Equal(new EffectiveTracking(true, TrackingSource.EndpointOverride), endpoint!.Effective);
        var snapshot = await Store.LoadSnapshotAsync("host", Ct);
        Assert.True(snapshot.Decide(Id("POST", "/shop/cart"), "shop", TrackingSetting.Default, TrackingMode.Exclude).Tracked);
        Assert.False(snapshot.Decide(Id("GET", "/shop/products"), "shop", TrackingSetting.Default, TrackingMode.Exclude).Tracked);
        Assert.Equal("POST /shop/cart", (await Store.GetAuditAsync(cancellationToken: Ct))[0].TargetDisplay);
    }

    [Fact]
    public async Task Unknown_targets_are_refused_without_a_change()
    {
        await Store.RegisterCatalogAsync(ShopApp(Start), Ct);

        Assert.Null(await Store.SetGroupAsync("host", "nope", TrackingSetting.Exclude, "alice", Ct));
        Assert.Null(await Store.SetGroupAsync("other", "shop", TrackingSetting.Exclude, "alice", Ct));
        Assert.Null(await Store.SetEndpointAsync("host", "0000000000000000", TrackingSetting.Exclude, "alice", Ct));
        Assert.Null(await Store.SetModeAsync("other", TrackingMode.Include, "alice", Ct));

        Assert.Equal(0, await Store.GetVersionAsync(Ct));
        Assert.Empty(await Store.GetAuditAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task Mode_override_switches_undecided_endpoints()
    {
        await Store.RegisterCatalogAsync(ShopApp(Start), Ct);

        var app = await Store.SetModeAsync("host", TrackingMode.Include, "alice", Ct);

        Assert.Equal(TrackingMode.Include, app!.EffectiveMode);
        var root = app.Groups.Single(g => g.Name is null).Endpoints.Single();
        Assert.Equal(new EffectiveTracking(false, TrackingSource.ApplicationMode), root.Effective);
        Assert.Equal(TrackingMode.Include, (await Store.LoadSnapshotAsync("host", Ct)).ModeOverride);
        var audit = Assert.Single(await Store.GetAuditAsync(cancellationToken: Ct));
        Assert.Equal((RuleScope.Application, "default", "include"), (audit.Scope, audit.OldValue, audit.NewValue));

        app = await Store.SetModeAsync("host", null, "alice", Ct);
        Assert.Equal(TrackingMode.Exclude, app!.EffectiveMode);
        Assert.Null((await Store.LoadSnapshotAsync("host", Ct)).ModeOverride);
    }

    [Fact]
    public async Task Hits_are_counted_per_endpoint_in_the_range()
    {
        await Store.RegisterCatalogAsync(ShopApp(Start), Ct);
        await using (var db = await _factory.CreateDbContextAsync(Ct))
        {
            db.Usage.AddRange(
                Record("host", "GET", "/shop/products", Start.AddMinutes(1)),
                Record("host", "GET", "/shop/products", Start.AddMinutes(2)),
                Record("host", "GET", "/shop/products", Start.AddDays(-2)),
                Record("host", "POST", "/shop/cart", Start.AddMinutes(3)),
                Record("host", "GET", "/shop/cart", Start.AddMinutes(3)),
                Record("other", "GET", "/shop/products", Start.AddMinutes(1)));
            await db.SaveChangesAsync(Ct);
        }

        var hits = await Store.GetHitsAsync(Start.AddHours(-1), Start.AddHours(1), Ct);

        Assert.Equal(2, hits[Id("GET", "/shop/products")]);
        Assert.Equal(1, hits[Id("POST", "/shop/cart")]);
        Assert.False(hits.ContainsKey(Id("GET", "/")));
    }

    private static UsageRecord Record(string app, string method, string route, DateTime date) => new()
    {
        Date = date, ServerName = app, Method = method, Route = route, Path = route, Url = "http://h" + route, Status = 200,
    };
}
