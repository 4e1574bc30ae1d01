using Microsoft.Playwright;
using UsageDashboard.Data;
using UsageDashboard.TestSupport;

namespace UsageDashboard.EndToEnd.Tests.Support;

/// <summary>
/// One headless Chromium (the system's <c>/usr/bin/chromium</c>, never a downloaded build) and, per storage
/// provider, two dashboards: one over demo data and one over an empty database, shared by every browser test.
/// </summary>
/// <remarks>
/// The SQLite dashboards start with the fixture (<see cref="Demo"/>, <see cref="Empty"/>); the PostgreSQL ones
/// on first use, so a run that never needs them pays nothing. They live in one throwaway cluster that starts
/// with the first of them.
/// </remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Demo records seeded for the tests: enough for every chart, quick to write.</summary>
    public const int DemoRecords = 30_000;

    /// <summary>
    /// The end of the demo month, shared by every provider's demo dashboard so they hold identical records;
    /// whole minutes, so it is exact on both databases.
    /// </summary>
    public static readonly DateTime DemoEnd = WholeMinute(DateTime.UtcNow);

    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    private readonly PostgresServerFixture _postgres = new();
    private readonly Dictionary<(UsageStorageProvider Provider, bool Demo), Task<DashboardServer>> _servers = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Every provider the dashboard runs on: the browser tests run once per provider.</summary>
    public static TheoryData<UsageStorageProvider> Providers => new(Enum.GetValues<UsageStorageProvider>());

    /// <summary>The throwaway PostgreSQL cluster every PostgreSQL dashboard of the browser tests uses.</summary>
    public PostgresServerFixture Postgres => _postgres;

    /// <summary>Why the browser tests cannot run here; null when they can.</summary>
    public string? Unavailable { get; private set; }

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(Unavailable);

    /// <summary>The SQLite dashboard over demo data, started with the fixture.</summary>
    public DashboardServer Demo => Started(DemoAsync(UsageStorageProvider.Sqlite));

    /// <summary>The SQLite dashboard over an empty database, started with the fixture.</summary>
    public DashboardServer Empty => Started(EmptyAsync(UsageStorageProvider.Sqlite));

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Unavailable = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium).";
            return;
        }

        // This machine is shared and slow at times: a Blazor circuit can take longer than the default 5 s.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var demo = DemoAsync(UsageStorageProvider.Sqlite);
        var empty = EmptyAsync(UsageStorageProvider.Sqlite);
        await demo;
        await empty;
    }

    /// <summary>The dashboard over <see cref="DemoRecords"/> demo records on <paramref name="provider"/>.</summary>
    public Task<DashboardServer> DemoAsync(UsageStorageProvider provider) => ServerAsync(provider, demo: true);

    /// <summary>The dashboard over an empty database on <paramref name="provider"/>.</summary>
    public Task<DashboardServer> EmptyAsync(UsageStorageProvider provider) => ServerAsync(provider, demo: false);

    private Task<DashboardServer> ServerAsync(UsageStorageProvider provider, bool demo)
    {
        lock (_servers)
        {
            if (!_servers.TryGetValue((provider, demo), out var server))
            {
                server = DashboardServer.StartAsync(provider, demo ? DemoRecords : 0, DemoEnd, _postgres);
                _servers[(provider, demo)] = server;
            }

            return server;
        }
    }

    private DashboardServer Started(Task<DashboardServer> server) =>
        server.IsCompletedSuccessfully ? server.Result : throw new InvalidOperationException(Unavailable ?? "The dashboard did not start.");

    /// <summary>Fails when CI is set and Chromium is missing, skips on a developer machine without it.</summary>
    public void RequireBrowser()
    {
        if (Unavailable is null)
        {
            return;
        }

        if (PostgresServerFixture.IsCi)
        {
            Assert.Fail(Unavailable);
        }

        Assert.Skip(Unavailable);
    }

    private static DateTime WholeMinute(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);

    public async ValueTask DisposeAsync()
    {
        // Each step runs even when an earlier one failed: the PostgreSQL cluster must never outlive the run.
        try
        {
            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright?.Dispose();
        }
        finally
        {
            try
            {
                Task<DashboardServer>[] servers;
                lock (_servers)
                {
                    servers = [.. _servers.Values];
                }

                // A dashboard that never started (no PostgreSQL here) has nothing to stop; its tests already said why.
                foreach (var server in servers.Where(s => s.IsCompletedSuccessfully))
                {
                    await server.Result.DisposeAsync();
                }
            }
            finally
            {
                // After the dashboards, which hold pooled connections to its databases.
                await _postgres.DisposeAsync();
            }
        }
    }
}
