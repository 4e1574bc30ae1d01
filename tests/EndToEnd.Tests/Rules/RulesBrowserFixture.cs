using System.Text.Json;
using HostApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UsageDashboard.Dashboard.Security;
using UsageDashboard.TestSupport;

namespace UsageDashboard.EndToEnd.Tests.Rules;

/// <summary>
/// HostApp and the Dashboard on one SQLite file over real Kestrel, and headless Chromium driven by
/// Playwright. Without Chromium the tests skip, except under CI where they fail.
/// </summary>
public sealed class RulesBrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string HostAppName = "HostApp-e2e";
    public const string AdminName = "e2e-admin";
    public const string AdminPassword = "e2e-admin-password";
    public const string ViewerName = "e2e-viewer";
    public const string ViewerPassword = "e2e-viewer-password";
    public const string ReadKey = "e2e-read-key";
    public const string AdminKey = "e2e-admin-key";

    private readonly TemporarySqliteFile _file = new("usage-e2e-rules");
    private KestrelApp<HostAppMarker>? _hostApp;
    private KestrelApp<Program>? _dashboard;
    private IPlaywright? _playwright;
    private string? _unavailable;

    public IBrowser Browser { get; private set; } = null!;

    public Uri Dashboard => _dashboard!.Address;

    public HttpClient HostApp { get; private set; } = null!;

    public HttpClient AdminApi { get; private set; } = null!;

    public string ConnectionString => _file.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        var shared = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Usage"] = _file.ConnectionString,
            ["UsageTracking:Storage:Provider"] = "Sqlite",
            ["UsageTracking:FlushInterval"] = "00:00:00.100",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        _hostApp = new KestrelApp<HostAppMarker>(new Dictionary<string, string?>(shared) { ["UsageTracking:ApplicationName"] = HostAppName });
        HostApp = new HttpClient { BaseAddress = _hostApp.Start() };
        _dashboard = new KestrelApp<Program>(new Dictionary<string, string?>(shared)
        {
            ["UsageTracking:ApplicationName"] = "Dashboard-e2e",
            ["Dashboard:Admin:UserName"] = AdminName,
            ["Dashboard:Admin:Password"] = AdminPassword,
            ["Dashboard:ApiKeys:0"] = ReadKey,
            ["Dashboard:AdminApiKeys:0"] = AdminKey,
            ["Dashboard:LoginAttemptsPerMinute"] = "100",
        });
        _dashboard.Start();
        AdminApi = new HttpClient { BaseAddress = Dashboard };
        AdminApi.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        await _dashboard.Services.GetRequiredService<DashboardUserService>().CreateAsync(ViewerName, ViewerPassword, DashboardRoles.Viewer);
        await WaitForCatalogAsync();

        if (!File.Exists(ChromiumPath))
        {
            _unavailable = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium).";
            return;
        }

        // This machine is shared and slow at times: a Blazor circuit can take longer than the default 5 s.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>Skips the test without a browser, or fails it under CI.</summary>
    public void RequireBrowser()
    {
        if (_unavailable is null)
        {
            return;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            throw new InvalidOperationException(_unavailable + " (CI is set, so this fails instead of skipping)");
        }

        Assert.Skip(_unavailable);
    }

    private async Task WaitForCatalogAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var doc = JsonDocument.Parse(await AdminApi.GetStringAsync("/api/rules"));
            if (doc.RootElement.GetProperty("applications").EnumerateArray().Any(a => a.GetProperty("name").GetString() == HostAppName))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("HostApp did not register its endpoints within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }

        HostApp?.Dispose();
        AdminApi?.Dispose();
        if (_hostApp is not null)
        {
            await _hostApp.DisposeAsync();
        }

        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }

        _file.Dispose();
    }
}
