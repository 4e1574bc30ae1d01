using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace UsageDashboard.Dashboard.Security;

/// <summary>
/// Authenticates <c>/api/...</c> calls by the <c>X-Api-Key</c> header: a key from
/// <c>Dashboard:AdminApiKeys</c> acts as an admin, one from <c>Dashboard:ApiKeys</c> as a viewer.
/// Keys are compared as SHA-256 digests in constant time, and never appear in claims or logs.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<DashboardSecurityOptions> security)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(DashboardRoles.ApiKeyHeader, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = values.ToString();
        if (presented.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("Empty API key."));
        }

        var options = security.CurrentValue;
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? role = null;
        var index = Match(options.AdminApiKeys, digest);
        if (index >= 0)
        {
            role = DashboardRoles.Admin;
        }
        else if ((index = Match(options.ApiKeys, digest)) >= 0)
        {
            role = DashboardRoles.Viewer;
        }

        if (role is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        // The name identifies the key for the audit log without revealing it.
        var name = $"api-key:{(role == DashboardRoles.Admin ? "admin" : "read")}#{index + 1}";
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    private static int Match(IList<string> keys, byte[] digest)
    {
        var found = -1;
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.IsNullOrEmpty(keys[i]))
            {
                continue;
            }

            // Every key is compared, so timing does not reveal which one (or whether any) matched.
            if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(keys[i])), digest) && found < 0)
            {
                found = i;
            }
        }

        return found;
    }
}
