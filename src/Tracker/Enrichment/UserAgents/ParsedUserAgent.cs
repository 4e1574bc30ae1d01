namespace UsageDashboard.Tracker.Enrichment.UserAgents;

/// <summary>Everything uap-core says about one User-Agent header.</summary>
internal sealed record ParsedUserAgent(UapVersionedName Browser, UapVersionedName Os, UapDevice Device);
