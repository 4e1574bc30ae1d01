namespace UsageDashboard.Dashboard.Security;

/// <summary>
/// Sign-in and API key settings, bound from the <c>Dashboard</c> configuration section.
/// </summary>
public sealed class DashboardSecurityOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>
    /// The first admin (<c>Dashboard:Admin:UserName</c>, <c>Dashboard:Admin:Password</c>), created at
    /// startup when no user of that name exists. Default: none; then the one-time <c>/setup</c> page
    /// creates the first admin.
    /// </summary>
    public AdminAccount Admin { get; set; } = new();

    /// <summary>Read-only API keys accepted in the <c>X-Api-Key</c> header on <c>/api/...</c>. Default: none.</summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>API keys that may also change rules. Default: none.</summary>
    public IList<string> AdminApiKeys { get; } = [];

    /// <summary>Sign-in attempts allowed per client address per minute. Default 10.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts allowed per user name per minute, whatever the address. Default 5.</summary>
    public int LoginAttemptsPerUserPerMinute { get; set; } = 5;

    /// <summary>How long a sign-in lasts without activity. Default 8 hours (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The first admin's credentials from configuration.</summary>
    public sealed class AdminAccount
    {
        /// <summary>The user name. Default: none.</summary>
        public string? UserName { get; set; }

        /// <summary>The password (at least 8 characters). Default: none.</summary>
        public string? Password { get; set; }
    }
}
