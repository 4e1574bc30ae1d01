namespace UsageDashboard.EndToEnd.Tests.Support;

/// <summary>All browser tests share one Chromium and one pair of dashboards, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
