namespace UsageDashboard.Dashboard.Security;

/// <summary>
/// The documented sign-ins seeded only in demo mode (<c>--demo</c>) into a database without users, so a
/// newcomer can look around at once. Never created outside demo mode.
/// </summary>
internal static class DemoCredentials
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "admin-demo";
    public const string ViewerUserName = "viewer";
    public const string ViewerPassword = "viewer-demo";
}
