namespace HostApp.Admin;

/// <summary>The <c>/admin</c> route group: excluded from tracking in code, for every endpoint in it.</summary>
internal static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin").WithUsageGroup("admin").ExcludeFromUsageTracking();

        admin.MapGet("/status", () => new { status = "ok", startedAt = StartedAt });
        admin.MapPost("/cache/clear", () => Results.NoContent());

        return admin;
    }

    private static readonly DateTime StartedAt = DateTime.UtcNow;
}
