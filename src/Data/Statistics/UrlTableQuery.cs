namespace UsageDashboard.Data.Statistics;

/// <summary>How the URL table is grouped, searched, sorted and paged.</summary>
public sealed record UrlTableQuery
{
    /// <summary>The largest <see cref="PageSize"/> accepted.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Route templates or raw paths. Default <see cref="UrlGrouping.Route"/>.</summary>
    public UrlGrouping Grouping { get; init; }

    /// <summary>Case-sensitive substring the URL must contain. Default null.</summary>
    public string? Search { get; init; }

    /// <summary>Sort column. Default <see cref="UrlSort.Requests"/>.</summary>
    public UrlSort Sort { get; init; }

    /// <summary>Sort descending. Default true (most hits first); ties break by URL ascending.</summary>
    public bool Descending { get; init; } = true;

    /// <summary>1-based page; values below 1 are treated as 1. Default 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Rows per page, 1-<see cref="MaxPageSize"/>. Default 25.</summary>
    public int PageSize { get; init; } = 25;
}
