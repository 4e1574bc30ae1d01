namespace UsageDashboard.Tracker;

/// <summary>
/// Names the route group (the original's blueprint) of a controller, action or Razor Page.
/// Without it, MVC endpoints use their area, else their controller name.
/// </summary>
/// <param name="name">The group name recorded as <c>blueprint</c>.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class UsageGroupAttribute(string name) : Attribute, IUsageGroupMetadata
{
    /// <inheritdoc />
    public string Name { get; } = !string.IsNullOrWhiteSpace(name)
        ? name
        : throw new ArgumentException("A usage group needs a non-empty name.", nameof(name));
}
