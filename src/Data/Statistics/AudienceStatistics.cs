namespace UsageDashboard.Data.Statistics;

/// <summary>The audience page.</summary>
/// <param name="Browsers">Browsers with their versions.</param>
/// <param name="Platforms">Operating systems with their versions.</param>
/// <param name="Devices">Device families.</param>
/// <param name="Languages">Preferred languages.</param>
/// <param name="HumanRequests">Requests not flagged as bots.</param>
/// <param name="BotRequests">Requests flagged as bots.</param>
public sealed record AudienceStatistics(
    IReadOnlyList<VersionedCount> Browsers,
    IReadOnlyList<VersionedCount> Platforms,
    IReadOnlyList<NamedCount> Devices,
    IReadOnlyList<NamedCount> Languages,
    long HumanRequests,
    long BotRequests)
{
    /// <summary>Share of bot requests (0-1); 0 without requests.</summary>
    public double BotShare => HumanRequests + BotRequests == 0 ? 0 : (double)BotRequests / (HumanRequests + BotRequests);
}
