using System.Text.Json;
using HostApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UsageDashboard.Dashboard.Security;
using UsageDashboard.Data;
using UsageDashboard.EndToEnd.Tests.Support;
using UsageDashboard.TestSupport;

namespace UsageDashboard.EndToEnd.Tests.Rules;

/// <summary>
/// HostApp and the Dashboard on one database of <see cref="Provider"/> over real Kestrel, driven through the
/// browser tests' shared headless Chromium. Without Chromium or PostgreSQL the tests skip, except under CI
/// where they fail.
/// </summary>
/// <remarks>
/// The apps start on the first test (<see cref="StartAsync"/>), not with the fixture: a test can only be
/// skipped from inside itself, and a filtered run that never needs this provider pays nothing.
/// </remarks>
public abstract class RulesBrowserFixture(BrowserFixture browser, UsageStorageProvider provider) : IAsyncLifetime
{
    public const string HostAppName = "HostApp-e2e";
    public const string AdminName = "e2e-admin";
    public const string AdminPassword = "e2e-admin-password";
    public const string ViewerName = "e2e-viewer";
    public const string ViewerPassword = "e2e-viewer-password";
    public const string ReadKey = "e2e-read-key";
    public const string AdminKey = "e2e-admin-key";

    private readonly SemaphoreSlim _startLock = new(1, 1);
    private TemporarySqliteFile? _file;
    private KestrelApp<HostAppMarker>? _hostApp;
    private KestrelApp<Program>? _dashboard;
    private bool _started;

    public UsageStorageProvider Provider => provider;

    public IBrowser Browser => browser.Browser;

    public Uri Dashboard => _dashboard!.Address;

    public HttpClient HostApp { get; private set; } = null!;

    public HttpClient AdminApi { get; private set; } = null!;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Skips without a browser (fails under CI), then starts both apps once and waits for HostApp's endpoint catalog.</summary>
    public async Task StartAsync()
    {
        browser.RequireBrowser();
        await _startLock.WaitAsync();
        try
        {
            if (!_started)
            {
                await StartAppsAsync();
                _started = true;
            }
        }
        finally
        {
            _startLock.Release();
        }
    }

    private async Task StartAppsAsync()
    {
        string connectionString;
        if (provider == UsageStorageProvider.PostgreSql)
        {
            connectionString = await browser.Postgres.CreateDatabaseAsync("usage_e2e_rules");
        }
        else
        {
            _file = new TemporarySqliteFile("usage-e2e-rules");
            connectionString = _file.ConnectionString;
        }

        var shared = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Usage"] = connectionString,
            ["UsageTracking:Storage:Provider"] = provider.ToString(),
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
    }

    /// <summary>How many stored records have <paramref name="marker"/> in their URL, read through the dashboard's own database access.</summary>
    public async Task<int> CountAsync(string marker)
    {
        var contexts = _dashboard!.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Usage.CountAsync(r => r.Url.Contains(marker));
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
        HostApp?.Dispose();
        AdminApi?.Dispose();
        try
        {
            if (_hostApp is not null)
            {
                await _hostApp.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                if (_dashboard is not null)
                {
                    await _dashboard.DisposeAsync();
                }
            }
            finally
            {
                _file?.Dispose();
                _startLock.Dispose();
                GC.SuppressFinalize(this);
            }
        }
    }
}
