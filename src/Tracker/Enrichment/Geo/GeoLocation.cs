namespace UsageDashboard.Tracker.Enrichment.Geo;

/// <summary>What a geo source knows about one address; any part may be missing.</summary>
internal sealed record GeoLocation(
    string? CountryCode,
    string? Country,
    string? Region,
    string? City,
    double? Latitude,
    double? Longitude)
{
    /// <summary>Copies the known parts onto a record, leaving fields this source does not know untouched.</summary>
    public void ApplyTo(UsageRecord record)
    {
        if (CountryCode is not null)
        {
            record.CountryCode = CountryCode;
        }
        if (Country is not null)
        {
            record.Country = Country;
        }
        if (Region is not null)
        {
            record.Region = Region;
        }
        if (City is not null)
        {
            record.City = City;
        }
        if (Latitude is not null && Longitude is not null)
        {
            record.Latitude = Latitude;
            record.Longitude = Longitude;
        }
    }
}
