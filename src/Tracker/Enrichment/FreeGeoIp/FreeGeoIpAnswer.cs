using UsageDashboard.Tracker.Enrichment.Geo;

namespace UsageDashboard.Tracker.Enrichment.FreeGeoIp;

/// <summary>A successful lookup: the stored <c>ip_info</c> text and what could be mapped from it.</summary>
internal sealed record FreeGeoIpAnswer(string IpInfo, GeoLocation? Location);
