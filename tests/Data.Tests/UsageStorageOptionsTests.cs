using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace UsageDashboard.Data.Tests;

public sealed class UsageStorageOptionsTests : IDisposable
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("usage-root-").FullName;

    private UsageStorageOptions Bind(Dictionary<string, string?> settings)
    {
        using var host = UsageDatabaseHost.Build(settings, _contentRoot);
        return host.Services.GetRequiredService<IOptions<UsageStorageOptions>>().Value;
    }

    [Fact]
    public void Defaults_are_sqlite_usage_db_in_the_content_root_and_migrate_on_startup()
    {
        var options = Bind([]);

        Assert.Equal(UsageStorageProvider.Sqlite, options.Provider);
        Assert.True(options.MigrateOnStartup);
        Assert.Equal(Path.Combine(_contentRoot, "usage.db"), new SqliteConnectionStringBuilder(options.ConnectionString).DataSource);
    }

    [Fact]
    public void A_relative_sqlite_file_is_resolved_against_the_content_root_and_an_absolute_one_is_kept()
    {
        var relative = Bind(new() { ["ConnectionStrings:Usage"] = "Data Source=data/usage.db;Cache=Shared" });
        var absolute = Bind(new() { ["ConnectionStrings:Usage"] = "Data Source=/var/lib/usage/u.db" });

        Assert.Equal(Path.Combine(_contentRoot, "data", "usage.db"), new SqliteConnectionStringBuilder(relative.ConnectionString).DataSource);
        Assert.Equal(SqliteCacheMode.Shared, new SqliteConnectionStringBuilder(relative.ConnectionString).Cache);
        Assert.Equal("/var/lib/usage/u.db", new SqliteConnectionStringBuilder(absolute.ConnectionString).DataSource);
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("postgresql")]
    [InlineData(" POSTGRESQL ")]
    public void The_provider_name_is_case_insensitive(string value)
    {
        var options = Bind(new()
        {
            ["UsageTracking:Storage:Provider"] = value,
            ["ConnectionStrings:Usage"] = "Host=127.0.0.1;Database=usage",
        });

        Assert.Equal(UsageStorageProvider.PostgreSql, options.Provider);
        Assert.Equal("Host=127.0.0.1;Database=usage", options.ConnectionString);
    }

    [Fact]
    public void MigrateOnStartup_and_busy_timeout_are_bound()
    {
        var options = Bind(new()
        {
            ["UsageTracking:Storage:MigrateOnStartup"] = "false",
            ["UsageTracking:Storage:SqliteBusyTimeout"] = "00:00:12",
        });

        Assert.False(options.MigrateOnStartup);
        Assert.Equal(TimeSpan.FromSeconds(12), options.SqliteBusyTimeout);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    [InlineData("Sqlite3")]
    public async Task An_unknown_provider_fails_at_startup_naming_the_key_and_the_allowed_values(string value)
    {
        using var host = UsageDatabaseHost.Build(new() { ["UsageTracking:Storage:Provider"] = value }, _contentRoot);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));

        var message = Flatten(error);
        Assert.Contains("UsageTracking:Storage:Provider", message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", message, StringComparison.Ordinal);
        Assert.Contains("Sqlite, PostgreSql", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSql_without_a_connection_string_fails_at_startup_naming_the_connection_string()
    {
        using var host = UsageDatabaseHost.Build(new() { ["UsageTracking:Storage:Provider"] = "PostgreSql" }, _contentRoot);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("ConnectionStrings:Usage", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_MigrateOnStartup_value_fails_at_startup_naming_the_key()
    {
        using var host = UsageDatabaseHost.Build(new() { ["UsageTracking:Storage:MigrateOnStartup"] = "sometimes" }, _contentRoot);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("UsageTracking:Storage:MigrateOnStartup", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_in_code_override_configuration()
    {
        using var host = UsageDatabaseHost.Build(new() { ["UsageTracking:Storage:MigrateOnStartup"] = "true" }, _contentRoot,
            services => services.AddUsageDatabase(o => o.MigrateOnStartup = false));

        Assert.False(host.Services.GetRequiredService<IOptions<UsageStorageOptions>>().Value.MigrateOnStartup);
    }

    private static string Flatten(Exception error) => error switch
    {
        AggregateException aggregate => string.Join(" | ", aggregate.InnerExceptions.Select(Flatten)),
        _ => error.Message + (error.InnerException is null ? "" : " | " + Flatten(error.InnerException)),
    };

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);
}
