using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace UsageDashboard.Tracker.Enrichment.Geo;

/// <summary>
/// Opens the configured database once, on first use (off the host's startup path). A missing or
/// unreadable file is logged once and disables offline geo; it never stops the writer.
/// </summary>
internal sealed partial class OfflineGeoLocatorProvider(IOptions<GeoOptions> options, ILogger<OfflineGeoLocatorProvider> logger) : IDisposable
{
    private readonly Lazy<OfflineGeoLocator?> _locator = new(() => Open(options.Value, logger));

    /// <summary>The open database; null when geo is disabled or the database cannot be read.</summary>
    public OfflineGeoLocator? Locator => _locator.Value;

    private static OfflineGeoLocator? Open(GeoOptions options, ILogger logger)
    {
        if (!options.Enabled)
        {
            return null;
        }
        var path = string.IsNullOrWhiteSpace(options.DatabasePath) ? OfflineGeoLocator.DefaultDatabasePath : options.DatabasePath;
        try
        {
            var locator = new OfflineGeoLocator(path);
            LogOpened(logger, path, locator.DatabaseType);
            return locator;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or MaxMind.Db.InvalidDatabaseException or ArgumentException)
        {
            LogOpenFailed(logger, path, e);
            return null;
        }
    }

    public void Dispose()
    {
        if (_locator.IsValueCreated)
        {
            _locator.Value?.Dispose();
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Offline geolocation from {Path} ({DatabaseType}).")]
    private static partial void LogOpened(ILogger logger, string path, string databaseType);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Offline geolocation is off: the database {Path} cannot be read (set UsageTracking:Geo:DatabasePath).")]
    private static partial void LogOpenFailed(ILogger logger, string path, Exception exception);
}
