namespace UsageDashboard.Dashboard.Security;

/// <summary>The dashboard's roles and the names of its authentication schemes and policies.</summary>
internal static class DashboardRoles
{
    /// <summary>May change rules and users.</summary>
    public const string Admin = "Admin";

    /// <summary>Read-only.</summary>
    public const string Viewer = "Viewer";

    /// <summary>The sign-in cookie scheme.</summary>
    public const string CookieScheme = "DashboardCookie";

    /// <summary>The <c>X-Api-Key</c> scheme.</summary>
    public const string ApiKeyScheme = "DashboardApiKey";

    /// <summary>The default scheme: an API key when the request carries one, else the cookie.</summary>
    public const string SelectorScheme = "Dashboard";

    /// <summary>Authorization policy for changing rules and users.</summary>
    public const string AdminPolicy = "DashboardAdmin";

    /// <summary>Rate-limiting policy of the sign-in and setup form posts.</summary>
    public const string LoginRateLimit = "DashboardLogin";

    /// <summary>Claim carrying the user's security stamp inside the cookie.</summary>
    public const string StampClaim = "usage:stamp";

    /// <summary>The header carrying an API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    public static bool IsValid(string? role) => role is Admin or Viewer;
}
