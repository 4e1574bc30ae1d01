using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace UsageDashboard.Data.Hosting;

/// <summary>
/// Binds <see cref="UsageStorageOptions"/> from configuration and resolves the connection string.
/// </summary>
/// <remarks>
/// The provider is parsed by hand rather than by the configuration binder: the binder's error for a bad
/// enum value names neither the key's allowed values nor reads well in a startup log. Configuration and
/// the host environment are optional so the registration also works in a bare service collection
/// (settings then come from code, and a relative SQLite file from the working directory).
/// </remarks>
internal sealed class UsageStorageOptionsSetup(IConfiguration? configuration = null, IHostEnvironment? environment = null)
    : IConfigureOptions<UsageStorageOptions>, IPostConfigureOptions<UsageStorageOptions>
{
    private const string ProviderKey = UsageStorageOptions.SectionName + ":" + nameof(UsageStorageOptions.Provider);

    public void Configure(UsageStorageOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        var section = configuration.GetSection(UsageStorageOptions.SectionName);
        var provider = section[nameof(UsageStorageOptions.Provider)];
        if (!string.IsNullOrWhiteSpace(provider))
        {
            options.Provider = ParseProvider(provider);
        }

        var migrate = section[nameof(UsageStorageOptions.MigrateOnStartup)];
        if (!string.IsNullOrWhiteSpace(migrate))
        {
            options.MigrateOnStartup = bool.TryParse(migrate, out var value)
                ? value
                : throw Invalid($"{UsageStorageOptions.SectionName}:{nameof(UsageStorageOptions.MigrateOnStartup)} is '{migrate}'; allowed values: true, false.");
        }

        var busy = section[nameof(UsageStorageOptions.SqliteBusyTimeout)];
        if (!string.IsNullOrWhiteSpace(busy))
        {
            options.SqliteBusyTimeout = TimeSpan.TryParse(busy, System.Globalization.CultureInfo.InvariantCulture, out var timeout) && timeout >= TimeSpan.Zero
                ? timeout
                : throw Invalid($"{UsageStorageOptions.SectionName}:{nameof(UsageStorageOptions.SqliteBusyTimeout)} is '{busy}'; expected a time span such as 00:00:05.");
        }

        var connectionString = configuration.GetConnectionString(UsageStorageOptions.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            options.ConnectionString = connectionString;
        }
    }

    public void PostConfigure(string? name, UsageStorageOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            throw Invalid($"{ProviderKey} is '{options.Provider}'; allowed values: {string.Join(", ", Enum.GetNames<UsageStorageProvider>())}.");
        }

        if (options.Provider == UsageStorageProvider.Sqlite)
        {
            options.ConnectionString = ResolveSqlite(options.ConnectionString, environment?.ContentRootPath ?? Directory.GetCurrentDirectory());
        }
        else if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw Invalid($"{ProviderKey} is PostgreSql but no connection string was given: set ConnectionStrings:{UsageStorageOptions.ConnectionStringName}.");
        }
    }

    internal static UsageStorageProvider ParseProvider(string value)
    {
        // Names only: Enum.TryParse would also accept numbers such as "7".
        foreach (var provider in Enum.GetValues<UsageStorageProvider>())
        {
            if (string.Equals(value.Trim(), provider.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        throw Invalid($"{ProviderKey} is '{value}'; allowed values: {string.Join(", ", Enum.GetNames<UsageStorageProvider>())}.");
    }

    /// <summary>A relative SQLite file is placed in the content root, not the process's working directory.</summary>
    internal static string ResolveSqlite(string? connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString)
            ? $"Data Source={UsageStorageOptions.DefaultSqliteFile}"
            : connectionString);
        var source = builder.DataSource;
        if (!string.IsNullOrEmpty(source) && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory
            && !source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && !Path.IsPathRooted(source))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, source));
        }

        return builder.ConnectionString;
    }

    private static OptionsValidationException Invalid(string message) =>
        new(Options.DefaultName, typeof(UsageStorageOptions), [message]);
}
