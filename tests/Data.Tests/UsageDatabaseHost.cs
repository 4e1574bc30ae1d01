using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UsageDashboard.Data;

namespace UsageDashboard.Data.Tests;

/// <summary>Starts a real generic host configured the way an application configures the usage database.</summary>
internal static class UsageDatabaseHost
{
    public static IHost Build(Dictionary<string, string?> settings, string? contentRoot = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = contentRoot ?? Path.GetTempPath(),
            EnvironmentName = "Test",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddUsageDatabaseStore();
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    public static async Task<IHost> StartAsync(
        UsageStorageProvider provider, string connectionString, bool migrate = true, Action<IServiceCollection>? services = null)
    {
        var host = Build(Settings(provider, connectionString, migrate), services: services);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    public static Dictionary<string, string?> Settings(UsageStorageProvider provider, string connectionString, bool migrate = true) => new()
    {
        ["UsageTracking:Storage:Provider"] = provider.ToString(),
        ["ConnectionStrings:Usage"] = connectionString,
        ["UsageTracking:Storage:MigrateOnStartup"] = migrate ? "true" : "false",
    };
}
