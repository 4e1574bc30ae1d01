namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the dashboard's authentication, authorization and login rate limiting to the pipeline.</summary>
internal static class DashboardSecurityApplicationBuilderExtensions
{
    /// <summary>Call before <c>UseAntiforgery()</c>: antiforgery validation needs the signed-in user.</summary>
    public static IApplicationBuilder UseDashboardSecurity(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
