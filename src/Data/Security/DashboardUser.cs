namespace UsageDashboard.Data.Security;

/// <summary>
/// A dashboard user (<c>dashboard_users</c>). The password is stored only as an ASP.NET Core Identity
/// <c>PasswordHasher</c> hash (PBKDF2 with a per-user salt).
/// </summary>
public sealed class DashboardUser
{
    /// <summary>Database identity.</summary>
    public long Id { get; set; }

    /// <summary>The user name as entered.</summary>
    public string UserName { get; set; } = "";

    /// <summary>The upper-case invariant user name; unique, used for look-ups.</summary>
    public string NormalizedUserName { get; set; } = "";

    /// <summary>The password hash.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary><c>Admin</c> or <c>Viewer</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>Changes whenever the password or role changes; sign-in cookies carrying an older stamp are rejected.</summary>
    public string SecurityStamp { get; set; } = "";

    /// <summary>When the user was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }
}
