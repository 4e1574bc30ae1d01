using Microsoft.AspNetCore.Mvc;
using UsageDashboard.Data.Rollups;

namespace UsageDashboard.Dashboard.Api;

/// <summary><c>GET /api/summary</c>: the original's <c>get_sum</c> over HTTP, served from the rollup tables.</summary>
internal static class SummaryApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/summary", GetSummaryAsync)
            .WithName("GetSummary")
            .WithTags("Usage")
            .WithSummary("Hits and transfer per key and hour, day or month (Flask-Track-Usage get_sum).")
            .WithDescription(
                "Query: kind (required: url, remote, useragent, language, server, visitor, geo), period (hour, day, month; default day), "
                + "start, end (ISO-8601; defaults: the Unix epoch and now), limit (1-" + IUsageSummaryReader.MaxLimit + ", default 500), "
                + "page (default 1; below 1 counts as 1), target (only this key). Newest bucket first, then most hits. "
                + "Visitors exist per day and month only.")
            .Produces<SummaryItem[]>()
            .ProducesValidationProblem();
    }

    private static async Task<IResult> GetSummaryAsync(
        [FromQuery] string? kind, [FromQuery] string? period, [FromQuery] string? start, [FromQuery] string? end,
        [FromQuery] string? limit, [FromQuery] string? page, [FromQuery] string? target,
        IUsageSummaryReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var q = new QueryReader(errors);
        var summaryKind = q.Enum<SummaryKind>("kind", kind);
        if (summaryKind is null && !errors.Any)
        {
            errors.Add("kind", "Required: one of url, remote, useragent, language, server, visitor, geo.");
        }

        var summaryPeriod = q.Enum<SummaryPeriod>("period", period) ?? SummaryPeriod.Day;
        var from = q.Time("start", start) ?? DateTime.UnixEpoch;
        var to = q.Time("end", end) ?? clock.GetUtcNow().UtcDateTime;
        var take = q.Int("limit", limit, 1, IUsageSummaryReader.MaxLimit) ?? 500;
        var number = q.Int("page", page, int.MinValue, int.MaxValue) ?? 1;
        if (!errors.Any && to <= from)
        {
            errors.Add("end", "The end must be after the start.");
        }

        if (summaryKind == SummaryKind.Visitor && summaryPeriod == SummaryPeriod.Hour)
        {
            errors.Add("period", "Visitor summaries exist per day and per month only.");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var rows = await reader.GetSummaryAsync(summaryKind!.Value, summaryPeriod, from, to, take, number, QueryReader.Text(target) is null ? null : target, cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(rows.Select(SummaryItem.From).ToList());
    }
}
