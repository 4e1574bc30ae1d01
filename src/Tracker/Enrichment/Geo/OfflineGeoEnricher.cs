using System.Net;
using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Enrichment.Geo;

/// <summary>Fills country (and region, city, coordinates with a city database) from the local database.</summary>
internal sealed class OfflineGeoEnricher(OfflineGeoLocatorProvider locators) : IUsageEnricher
{
    public ValueTask EnrichAsync(IReadOnlyList<CapturedRequest> batch, CancellationToken cancellationToken)
    {
        var locator = locators.Locator;
        if (locator is null)
        {
            return ValueTask.CompletedTask;
        }
        foreach (var item in batch)
        {
            if (item.Discard || !IPAddress.TryParse(item.Record.RemoteAddr, out var address))
            {
                continue;
            }
            locator.Lookup(address)?.ApplyTo(item.Record);
        }
        return ValueTask.CompletedTask;
    }
}
