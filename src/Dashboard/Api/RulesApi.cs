using Microsoft.AspNetCore.Antiforgery;
using UsageDashboard.Dashboard.Security;
using UsageDashboard.Data.Rules;

namespace UsageDashboard.Dashboard.Api;

/// <summary>
/// The tracking rules API. Reading needs any signed-in user or API key; changing needs the Admin role
/// (an admin user or a key from <c>Dashboard:AdminApiKeys</c>): 401 without credentials, 403 for a
/// viewer or read-only key. A change made with the sign-in cookie must carry an antiforgery token
/// (header <c>RequestVerificationToken</c>), because browsers send cookies on cross-site requests too.
/// </summary>
internal static class RulesApi
{
    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder endpoints)
    {
        var rules = endpoints.MapGroup("/api/rules").WithTags("Rules");
        rules.MapGet("/", GetRulesAsync).WithSummary("Every application with its groups, endpoints, overrides and effective states.");
        rules.MapGet("/audit", GetAuditAsync).WithSummary("The newest rule changes: who, when, what, old and new value.");

        var changes = rules.MapGroup("/").RequireAuthorization(DashboardRoles.AdminPolicy).AddEndpointFilter(RequireAntiforgeryForCookies);
        changes.MapPut("/{application}/groups/{group}", SetGroupAsync)
            .WithSummary("Overrides a route group: {\"tracking\":\"track\"|\"exclude\"|\"default\"}; answers with the group's new effective states.");
        changes.MapPut("/{application}/endpoints/{id}", SetEndpointAsync)
            .WithSummary("Overrides one endpoint: {\"tracking\":\"track\"|\"exclude\"|\"default\"}; answers with its new effective state.");
        changes.MapPut("/{application}/mode", SetModeAsync)
            .WithSummary("Overrides the application mode: {\"mode\":\"include\"|\"exclude\"|\"default\"}.");
        return endpoints;
    }

    private static async Task<IResult> GetRulesAsync(TrackingRulesStore store, CancellationToken cancellationToken)
    {
        var apps = await store.GetRulesAsync(cancellationToken);
        return TypedResults.Ok(new RulesResponse(apps.Select(RulesApiMapping.ToDto).ToList()));
    }

    private static async Task<IResult> GetAuditAsync(TrackingRulesStore store, int? limit, string? application, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            return BadParameter("limit", "limit must be between 1 and 1000.");
        }

        var entries = await store.GetAuditAsync(limit ?? 50, application, cancellationToken);
        return TypedResults.Ok(entries.Select(RulesApiMapping.ToDto).ToList());
    }

    private static async Task<IResult> SetGroupAsync(string application, string group, RuleChangeRequest? body, HttpContext ctx,
        TrackingRulesStore store, CancellationToken cancellationToken)
    {
        if (!RulesApiMapping.TryParseSetting(body?.Tracking, out var setting))
        {
            return BadTracking();
        }

        var result = await store.SetGroupAsync(application, group, setting, DashboardPrincipal.Actor(ctx.User), cancellationToken);
        return result is null
            ? NotFound($"Application '{application}' has no route group '{group}'.")
            : TypedResults.Ok(RulesApiMapping.ToDto(result));
    }

    private static async Task<IResult> SetEndpointAsync(string application, string id, RuleChangeRequest? body, HttpContext ctx,
        TrackingRulesStore store, CancellationToken cancellationToken)
    {
        if (!RulesApiMapping.TryParseSetting(body?.Tracking, out var setting))
        {
            return BadTracking();
        }

        var result = await store.SetEndpointAsync(application, id, setting, DashboardPrincipal.Actor(ctx.User), cancellationToken);
        return result is null
            ? NotFound($"Application '{application}' has no endpoint '{id}'.")
            : TypedResults.Ok(RulesApiMapping.ToDto(result));
    }

    private static async Task<IResult> SetModeAsync(string application, ModeChangeRequest? body, HttpContext ctx,
        TrackingRulesStore store, CancellationToken cancellationToken)
    {
        if (!RulesApiMapping.TryParseMode(body?.Mode, out var mode))
        {
            return BadParameter("mode", "mode must be \"include\", \"exclude\" or \"default\".");
        }

        var result = await store.SetModeAsync(application, mode, DashboardPrincipal.Actor(ctx.User), cancellationToken);
        return result is null ? NotFound($"Unknown application '{application}'.") : TypedResults.Ok(RulesApiMapping.ToDto(result));
    }

    private static async ValueTask<object?> RequireAntiforgeryForCookies(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (DashboardPrincipal.IsCookieSession(http.User)
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Missing or invalid antiforgery token",
                detail: "A change made with the sign-in cookie must send the antiforgery token in the RequestVerificationToken header.");
        }

        return await next(context);
    }

    private static IResult BadTracking() => BadParameter("tracking", "tracking must be \"track\", \"exclude\" or \"default\".");

    private static IResult BadParameter(string name, string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [name] = [message] }, title: $"Invalid {name}");

    private static IResult NotFound(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
