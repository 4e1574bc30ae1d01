using System.Runtime.CompilerServices;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using UsageDashboard.Data.Statistics;
using UsageDashboard.Tracker;

namespace UsageDashboard.Dashboard.Api;

/// <summary>
/// CSV and JSON downloads: <c>/api/export/requests.csv|json</c> streams the filtered request log;
/// <c>/api/export/{table}.csv|json</c> exports any dashboard table with the same filter.
/// </summary>
internal static class ExportEndpoints
{
    private static readonly string[] RequestColumns =
    [
        "date", "method", "url", "path", "route", "blueprint", "status", "speed", "content_length", "remote_addr",
        "xforwardedfor", "authorization", "username", "browser", "version", "platform", "os_version", "device", "language",
        "is_bot", "country_code", "country", "city", "latitude", "longitude", "visitor_id", "server_name", "request",
        "view_args", "url_args", "track_var", "ip_info",
    ];

    public static void Map(IEndpointRouteBuilder api)
    {
        var export = api.MapGroup("/export").WithTags("Export");
        // One route for all downloads: a literal "requests.{format}" next to "{table}.{format}" would be ambiguous.
        export.MapGet("/{table}.{format}", ExportAsync)
            .WithName("Export")
            .WithSummary("CSV or JSON download of the filtered request log (table = requests, newest first, streamed) or of a dashboard table: "
                + string.Join(", ", ExportTables.Names) + ".")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        // The same downloads under the paths the dashboard pages link to (?format=csv|json).
        api.MapGet("/usage/export", ([AsParameters] FilterQuery filter, [FromQuery] string? format, IUsageStatistics s, TimeProvider clock,
                IOptions<JsonOptions> json, CancellationToken ct) => ExportRequestsAsync(format ?? "csv", filter, s, clock, json, ct))
            .ExcludeFromDescription();
        api.MapGet("/stats/{table}/export", (string table, [FromQuery] string? format, [AsParameters] FilterQuery filter,
                [AsParameters] UrlTableParameters urls, IUsageStatistics s, TimeProvider clock, IOptions<JsonOptions> json, CancellationToken ct) =>
                ExportAsync(table, format ?? "csv", filter, urls, s, clock, json, ct))
            .ExcludeFromDescription();
    }

    private static Task<IResult> ExportAsync(
        string table, string format, [AsParameters] FilterQuery filter, [AsParameters] UrlTableParameters urls,
        IUsageStatistics s, TimeProvider clock, IOptions<JsonOptions> json, CancellationToken ct) =>
        table == "requests"
            ? ExportRequestsAsync(format, filter, s, clock, json, ct)
            : ExportTableAsync(table, format, filter, urls, s, clock, ct);

    private static Task<IResult> ExportRequestsAsync(
        string format, [AsParameters] FilterQuery filter, IUsageStatistics s, TimeProvider clock, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var q = new QueryReader(errors);
        var kind = Format(q, format);
        var f = filter.ToFilter(q, clock.GetUtcNow().UtcDateTime);
        if (f is null || errors.Any)
        {
            return Task.FromResult(errors.ToResult());
        }

        var name = $"requests-{f.Start:yyyyMMdd'T'HHmm}-{f.End:yyyyMMdd'T'HHmm}.{kind}";
        return Task.FromResult<IResult>(kind == "csv"
            ? Results.Stream(stream => ExportWriter.WriteCsvAsync(stream, RequestColumns, RequestRows(s.StreamRequestsAsync(f, ct)), ct), "text/csv; charset=utf-8", name)
            : Results.Stream(stream => ExportWriter.WriteJsonAsync(stream, Items(s.StreamRequestsAsync(f, ct)), json.Value.SerializerOptions, ct), "application/json; charset=utf-8", name));
    }

    private static async Task<IResult> ExportTableAsync(
        string table, string format, [AsParameters] FilterQuery filter, [AsParameters] UrlTableParameters urls,
        IUsageStatistics s, TimeProvider clock, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var q = new QueryReader(errors);
        var kind = Format(q, format);
        var urlQuery = urls.ToQuery(q);
        var f = filter.ToFilter(q, clock.GetUtcNow().UtcDateTime);
        if (f is null || errors.Any)
        {
            return errors.ToResult();
        }

        ExportTable? result;
        try
        {
            result = await ExportTables.BuildAsync(table, f, urlQuery, s, ct).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            errors.Add(ex.ParamName ?? "query", ex.Message);
            return errors.ToResult();
        }

        if (result is null)
        {
            return TypedResults.Problem(
                $"There is no table '{table}'. Tables: requests, {string.Join(", ", ExportTables.Names)}.",
                statusCode: StatusCodes.Status404NotFound, title: "Unknown table");
        }

        var rows = result.Rows.ToAsyncEnumerable();
        var name = $"{table}-{f.Start:yyyyMMdd'T'HHmm}-{f.End:yyyyMMdd'T'HHmm}.{kind}";
        return kind == "csv"
            ? Results.Stream(stream => ExportWriter.WriteCsvAsync(stream, result.Columns, rows, ct), "text/csv; charset=utf-8", name)
            : Results.Stream(stream => ExportWriter.WriteJsonAsync(stream, result.Columns, rows, ct), "application/json; charset=utf-8", name);
    }

    private static string Format(QueryReader q, string? format)
    {
        var value = QueryReader.Text(format)?.ToLowerInvariant();
        if (value is "csv" or "json")
        {
            return value;
        }

        q.Errors.Add("format", $"'{format}' is not an export format: use csv or json.");
        return "csv";
    }

    private static async IAsyncEnumerable<object?[]> RequestRows(IAsyncEnumerable<UsageRecord> records, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var r in records.WithCancellation(ct).ConfigureAwait(false))
        {
            yield return
            [
                r.Date, r.Method, r.Url, r.Path, r.Route, r.Blueprint, r.Status, r.Speed, r.ContentLength, r.RemoteAddr,
                r.XForwardedFor, r.Authorization, r.UserName, r.Browser, r.BrowserVersion, r.Platform, r.OsVersion, r.Device, r.Language,
                r.IsBot, r.CountryCode, r.Country, r.City, r.Latitude, r.Longitude, r.VisitorId, r.ServerName, r.Request,
                r.ViewArgs, r.UrlArgs, r.TrackVar, r.IpInfo,
            ];
        }
    }

    private static async IAsyncEnumerable<UsageItem> Items(IAsyncEnumerable<UsageRecord> records, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var r in records.WithCancellation(ct).ConfigureAwait(false))
        {
            yield return UsageItem.From(r);
        }
    }
}
