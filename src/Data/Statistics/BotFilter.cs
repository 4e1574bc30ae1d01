namespace UsageDashboard.Data.Statistics;

/// <summary>Which clients a query counts, by the <c>is_bot</c> column.</summary>
public enum BotFilter
{
    /// <summary>Humans and bots (the default).</summary>
    All = 0,

    /// <summary>Only requests not flagged as bots.</summary>
    Humans = 1,

    /// <summary>Only requests flagged as bots.</summary>
    Bots = 2,
}
