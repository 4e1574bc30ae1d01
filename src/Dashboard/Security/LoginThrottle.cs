using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace UsageDashboard.Dashboard.Security;

/// <summary>
/// Limits sign-in attempts per user name, whatever the client address: the per-address limit alone
/// does not stop a guesser spread over many addresses from hammering one account.
/// </summary>
internal sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public LoginThrottle(IOptions<DashboardSecurityOptions> options)
    {
        var permits = Math.Max(1, options.Value.LoginAttemptsPerUserPerMinute);
        _limiter = PartitionedRateLimiter.Create<string, string>(name => RateLimitPartition.GetFixedWindowLimiter(name,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Takes one attempt for the user name; false when its limit is used up.</summary>
    public bool TryAttempt(string userName)
    {
        using var lease = _limiter.AttemptAcquire(DashboardUserService.Normalize(userName));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
