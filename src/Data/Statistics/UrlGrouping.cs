namespace UsageDashboard.Data.Statistics;

/// <summary>How requests are grouped into URLs.</summary>
public enum UrlGrouping
{
    /// <summary>
    /// By route template (<c>/shop/products/{id}</c>); requests that matched no endpoint (404s) fall back
    /// to their raw path so that they stay visible.
    /// </summary>
    Route = 0,

    /// <summary>By raw request path (<c>/shop/products/42</c>).</summary>
    Path = 1,
}
