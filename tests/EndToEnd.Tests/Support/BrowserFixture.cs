using Microsoft.Playwright;

namespace UsageDashboard.EndToEnd.Tests.Support;

/// <summary>
/// One headless Chromium (the system's <c>/usr/bin/chromium</c>, never a downloaded build) and two dashboards,
/// one over demo data and one over an empty database, shared by every browser test.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Demo records seeded for the tests: enough for every chart, quick to write.</summary>
    public const int DemoRecords = 30_000;

    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private DashboardServer? _demo;
    private DashboardServer? _empty;

    /// <summary>Why the browser tests cannot run here; null when they can.</summary>
    public string? Unavailable { get; private set; }

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(Unavailable);

    public DashboardServer Demo => _demo ?? throw new InvalidOperationException(Unavailable);

    public DashboardServer Empty => _empty ?? throw new InvalidOperationException(Unavailable);

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Unavailable = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium).";
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var demo = DashboardServer.StartAsync(DemoRecords);
        var empty = DashboardServer.StartAsync(0);
        _demo = await demo;
        _empty = await empty;
    }

    /// <summary>Fails when CI is set and Chromium is missing, skips on a developer machine without it.</summary>
    public void RequireBrowser()
    {
        if (Unavailable is null)
        {
            return;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(Unavailable);
        }

        Assert.Skip(Unavailable);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_demo is not null)
        {
            await _demo.DisposeAsync();
        }

        if (_empty is not null)
        {
            await _empty.DisposeAsync();
        }
    }
}
