namespace UsageDashboard.Data.Statistics;

/// <summary>One page of a longer list.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Items">The rows of this page.</param>
/// <param name="TotalCount">Rows over all pages.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Rows per page.</param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, long TotalCount, int Page, int PageSize)
{
    /// <summary>Number of pages (at least 1, so an empty list still has a page to show).</summary>
    public int PageCount => TotalCount == 0 ? 1 : (int)((TotalCount + PageSize - 1) / PageSize);
}
