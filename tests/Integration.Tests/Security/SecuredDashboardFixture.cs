using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Dashboard.Security;
using UsageDashboard.Integration.Tests.Hosting;
using UsageDashboard.TestSupport;

namespace UsageDashboard.Integration.Tests.Security;

/// <summary>The Dashboard on a real Kestrel server and a fresh SQLite file, with an admin from configuration and API keys.</summary>
public sealed class SecuredDashboardFixture : IAsyncLifetime
{
    public const string AdminName = "root-admin";
    public const string AdminPassword = "correct horse battery";
    public const string ViewerName = "watcher";
    public const string ViewerPassword = "viewer password";
    public const string ReadKey = "security-read-key";
    public const string AdminKey = "security-admin-key";

    private readonly TemporarySqliteFile _file = new("usage-security");

    internal KestrelAppFactory<Program> Factory { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Factory = new KestrelAppFactory<Program>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Usage"] = _file.ConnectionString,
            ["UsageTracking:Storage:Provider"] = "Sqlite",
            ["Dashboard:Admin:UserName"] = AdminName,
            ["Dashboard:Admin:Password"] = AdminPassword,
            ["Dashboard:ApiKeys:0"] = ReadKey,
            ["Dashboard:AdminApiKeys:0"] = AdminKey,
            // Every test signs in from 127.0.0.1: the per-address limit would otherwise interfere.
            ["Dashboard:LoginAttemptsPerMinute"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        using var client = Factory.Start();
        BaseAddress = client.BaseAddress!;
        var users = Factory.Services.GetRequiredService<DashboardUserService>();
        var viewer = await users.CreateAsync(ViewerName, ViewerPassword, DashboardRoles.Viewer);
        if (!viewer.Succeeded)
        {
            throw new InvalidOperationException(viewer.Error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        _file.Dispose();
    }
}
