using UsageDashboard.Data.Security;

namespace UsageDashboard.Dashboard.Security;

/// <summary>The outcome of a user change: the user, or a message to show.</summary>
internal sealed record UserResult(DashboardUser? User, string? Error)
{
    public bool Succeeded => Error is null;

    public static UserResult Ok(DashboardUser user) => new(user, null);

    public static UserResult Fail(string error) => new(null, error);
}
