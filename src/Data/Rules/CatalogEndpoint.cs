namespace UsageDashboard.Data.Rules;

/// <summary>
/// One endpoint of a host application (<c>tracking_endpoints</c>), as registered by its trackers at
/// startup. Endpoints that disappear from the app are marked <see cref="Stale"/>, never deleted, so
/// their rules and history stay explainable.
/// </summary>
public sealed class CatalogEndpoint
{
    /// <summary>The stable id from <see cref="EndpointIdentity.Compute"/>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The application the endpoint belongs to.</summary>
    public string Application { get; set; } = "";

    /// <summary>The route group (blueprint) name; null when the endpoint is in no group.</summary>
    public string? Group { get; set; }

    /// <summary>The route template, e.g. <c>/shop/products/{id}</c>.</summary>
    public string RoutePattern { get; set; } = "";

    /// <summary>Normalized HTTP methods (<see cref="EndpointIdentity.NormalizeMethods"/>).</summary>
    public string HttpMethods { get; set; } = EndpointIdentity.AnyMethod;

    /// <summary>The endpoint display name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The decision declared in code by attributes or conventions.</summary>
    public TrackingSetting CodeSetting { get; set; }

    /// <summary>When an instance of the application last reported this endpoint (UTC).</summary>
    public DateTime LastSeen { get; set; }

    /// <summary>The latest start of the application no longer had this endpoint.</summary>
    public bool Stale { get; set; }
}
