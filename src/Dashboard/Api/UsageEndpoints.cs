using Microsoft.AspNetCore.Mvc;
using UsageDashboard.Tracker;

namespace UsageDashboard.Dashboard.Api;

/// <summary><c>GET /api/usage</c>: the original's <c>get_usage</c> over HTTP.</summary>
internal static class UsageEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/usage", GetUsageAsync)
            .WithName("GetUsage")
            .WithTags("Usage")
            .WithSummary("Raw usage records, newest first (Flask-Track-Usage get_usage).")
            .WithDescription(
                "Query: start, end (ISO-8601; defaults: the Unix epoch and now), limit (1-" + IUsageReader.MaxLimit +
                ", default 500), page (default 1; below 1 counts as 1). Items carry the original's keys plus this product's additions.")
            .Produces<UsageItem[]>()
            .ProducesValidationProblem();
    }

    private static async Task<IResult> GetUsageAsync(
        [FromQuery] string? start, [FromQuery] string? end, [FromQuery] string? limit, [FromQuery] string? page,
        IUsageReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var q = new QueryReader(errors);
        var from = q.Time("start", start) ?? DateTime.UnixEpoch;
        var to = q.Time("end", end) ?? clock.GetUtcNow().UtcDateTime;
        var take = q.Int("limit", limit, 1, IUsageReader.MaxLimit) ?? 500;
        var number = q.Int("page", page, int.MinValue, int.MaxValue) ?? 1;
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var records = await reader.GetUsageAsync(from, to, take, number, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(records.Select(UsageItem.From).ToList());
    }
}
