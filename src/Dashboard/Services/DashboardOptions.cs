namespace UsageDashboard.Dashboard.Services;

/// <summary>Configuration keys of the dashboard app itself.</summary>
internal static class DashboardOptions
{
    /// <summary>Seeds demo data into an empty database at startup when true.</summary>
    public const string DemoKey = "Dashboard:Demo";
}
