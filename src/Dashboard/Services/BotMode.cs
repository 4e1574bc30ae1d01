namespace UsageDashboard.Dashboard.Services;

/// <summary>Which clients the dashboard counts.</summary>
internal enum BotMode
{
    /// <summary>People only (the default): crawlers would drown real traffic.</summary>
    Humans,
    /// <summary>Everything.</summary>
    All,
    /// <summary>Crawlers only.</summary>
    Bots,
}
