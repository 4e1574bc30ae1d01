namespace UsageDashboard.Tracker;

/// <summary>Endpoint metadata naming the route group recorded as <c>blueprint</c>.</summary>
public interface IUsageGroupMetadata
{
    /// <summary>The group name.</summary>
    string Name { get; }
}
