namespace UsageDashboard.Dashboard.Security;

/// <summary>Whether the dashboard runs in demo mode (<c>--demo</c>), which seeds demo sign-ins.</summary>
internal sealed record DemoModeFlag(bool Enabled);
