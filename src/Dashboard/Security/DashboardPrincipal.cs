using System.Security.Claims;
using UsageDashboard.Data.Security;

namespace UsageDashboard.Dashboard.Security;

/// <summary>Builds the signed-in principal of a user and reads who acts from a principal.</summary>
internal static class DashboardPrincipal
{
    public static ClaimsPrincipal Create(DashboardUser user)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, user.UserName),
                new Claim(ClaimTypes.Role, user.Role),
                new Claim(DashboardRoles.StampClaim, user.SecurityStamp),
            ],
            DashboardRoles.CookieScheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The name recorded in the audit log for changes made by this principal.</summary>
    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : "unknown";

    public static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(DashboardRoles.Admin);

    /// <summary>True when the principal came from the sign-in cookie (ambient credentials that need antiforgery).</summary>
    public static bool IsCookieSession(ClaimsPrincipal user) =>
        user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == DashboardRoles.CookieScheme);
}
