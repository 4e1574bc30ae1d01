using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UsageDashboard.Dashboard.Security;
using UsageDashboard.Data.Rules;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the dashboard's sign-in, roles, API keys and login rate limiting.</summary>
internal static class DashboardSecurityServiceCollectionExtensions
{
    /// <summary>
    /// Every page and API requires authentication: a sign-in cookie (Admin or Viewer), or on
    /// <c>/api/...</c> an <c>X-Api-Key</c>. Users live in the usage database.
    /// </summary>
    /// <param name="services">The dashboard's services.</param>
    /// <param name="demo">Demo mode: seeds the documented demo sign-ins into a database without users.</param>
    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services, bool demo = false)
    {
        services.AddUsageDatabase();
        services.AddOptions<DashboardSecurityOptions>().BindConfiguration(DashboardSecurityOptions.SectionName)
            .Validate(o => o.LoginAttemptsPerMinute > 0 && o.LoginAttemptsPerUserPerMinute > 0,
                "Dashboard:LoginAttemptsPerMinute and Dashboard:LoginAttemptsPerUserPerMinute must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrackingRulesStore>();
        services.TryAddSingleton<DashboardUserService>();
        services.TryAddSingleton<LoginThrottle>();
        services.AddSingleton(new DemoModeFlag(demo));
        services.AddHostedService<FirstUserSeeder>();

        services.AddAuthentication(DashboardRoles.SelectorScheme)
            .AddPolicyScheme(DashboardRoles.SelectorScheme, "Cookie or API key", o =>
                o.ForwardDefaultSelector = ctx => IsApi(ctx.Request) && ctx.Request.Headers.ContainsKey(DashboardRoles.ApiKeyHeader)
                    ? DashboardRoles.ApiKeyScheme
                    : DashboardRoles.CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(DashboardRoles.ApiKeyScheme, null)
            .AddCookie(DashboardRoles.CookieScheme, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(DashboardRoles.CookieScheme)
            .Configure<IOptions<DashboardSecurityOptions>>((o, security) => ConfigureCookie(o, security.Value));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(DashboardRoles.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.Admin));
        services.AddCascadingAuthenticationState();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(DashboardRoles.LoginRateLimit, ctx =>
            {
                var permits = ctx.RequestServices.GetRequiredService<IOptions<DashboardSecurityOptions>>().Value.LoginAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }

    internal static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static void ConfigureCookie(CookieAuthenticationOptions o, DashboardSecurityOptions security)
    {
        o.Cookie.Name = ".UsageDashboard.Auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.LoginPath = DashboardSecurityEndpoints.LoginPath;
        o.LogoutPath = DashboardSecurityEndpoints.LogoutPath;
        o.AccessDeniedPath = DashboardSecurityEndpoints.DeniedPath;
        o.ExpireTimeSpan = security.SessionLifetime;
        o.SlidingExpiration = true;
        o.Events = new CookieAuthenticationEvents
        {
            // APIs answer with status codes, never with a redirect to an HTML page.
            OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized),
            OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden),
            OnValidatePrincipal = ValidateStampAsync,
        };
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (IsApi(ctx.Request))
        {
            ctx.Response.StatusCode = status;
        }
        else
        {
            ctx.Response.Redirect(ctx.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>Rejects a cookie whose user was deleted, or whose password or role changed since sign-in.</summary>
    private static async Task ValidateStampAsync(CookieValidatePrincipalContext ctx)
    {
        var principal = ctx.Principal;
        var idText = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(DashboardRoles.StampClaim);
        var users = ctx.HttpContext.RequestServices.GetRequiredService<DashboardUserService>();
        var user = long.TryParse(idText, out var id) ? await users.FindAsync(id, ctx.HttpContext.RequestAborted) : null;
        if (user is null || user.SecurityStamp != stamp)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(DashboardRoles.CookieScheme);
        }
    }
}
