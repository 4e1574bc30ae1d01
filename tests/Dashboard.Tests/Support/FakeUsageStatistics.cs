using System.Runtime.CompilerServices;
using UsageDashboard.Data.Statistics;
using UsageDashboard.Tracker;

namespace UsageDashboard.Dashboard.Tests.Support;

/// <summary>An in-memory <see cref="IUsageStatistics"/> returning set results and recording every call.</summary>
internal sealed class FakeUsageStatistics : IUsageStatistics
{
    public bool HasRecords { get; set; } = true;
    public IReadOnlyList<string> Applications { get; set; } = ["HostApp", "Shop"];
    public IReadOnlyList<string> Groups { get; set; } = ["shop", "api"];
    public Func<UsageFilter, OverviewStatistics> Overview { get; set; } = _ => SampleData.Overview();
    public Func<UsageFilter, TimeSeries> Series { get; set; } = SampleData.Series;
    public IReadOnlyList<StatusClassCount> StatusClasses { get; set; } = SampleData.StatusClasses();
    public IReadOnlyList<NamedCount> TopUrls { get; set; } = SampleData.TopUrls();
    public IReadOnlyList<CountryCount> TopCountries { get; set; } = SampleData.Countries();
    public PagedResult<UrlStatistics> Urls { get; set; } = SampleData.Urls();
    public Func<UsageFilter, UrlKey, UrlDetail> UrlDetail { get; set; } = SampleData.UrlDetail;
    public Func<UsageFilter, StatusCodeStatistics> StatusCodes { get; set; } = SampleData.StatusCodes;
    public Func<UsageFilter, GeographyStatistics> Geography { get; set; } = _ => SampleData.Geography();
    public Func<UsageFilter, AudienceStatistics> Audience { get; set; } = SampleData.Audience;
    public Func<UsageFilter, int, PagedResult<UsageRecord>> Requests { get; set; } = (_, page) => SampleData.Requests(page);
    public Exception? Failure { get; set; }

    /// <summary>Every filter passed in, in call order, with the method name.</summary>
    public List<(string Method, UsageFilter Filter)> Calls { get; } = [];
    public List<UrlTableQuery> UrlQueries { get; } = [];
    public List<long> RequestIds { get; } = [];

    public UsageFilter LastFilter(string method) => Calls.Last(c => c.Method == method).Filter;

    private Task<T> Answer<T>(UsageFilter? filter, Func<T> result, [CallerMemberName] string method = "")
    {
        lock (Calls)
        {
            if (filter is not null)
            {
                Calls.Add((method, filter));
            }
        }

        return Failure is not null ? Task.FromException<T>(Failure) : Task.FromResult(result());
    }

    public Task<bool> HasRecordsAsync(CancellationToken cancellationToken = default) => Answer(null, () => HasRecords);

    public Task<IReadOnlyList<string>> GetApplicationsAsync(CancellationToken cancellationToken = default) => Task.FromResult(Applications);

    public Task<IReadOnlyList<string>> GetGroupsAsync(string? application = null, CancellationToken cancellationToken = default) => Task.FromResult(Groups);

    public Task<OverviewStatistics> GetOverviewAsync(UsageFilter filter, CancellationToken cancellationToken = default) =>
        Answer(filter, () => Overview(filter));

    public Task<TimeSeries> GetTimeSeriesAsync(UsageFilter filter, TimeSpan? bucketSize = null, CancellationToken cancellationToken = default) =>
        Answer(filter, () => Series(filter));

    public Task<IReadOnlyList<StatusClassCount>> GetStatusClassesAsync(UsageFilter filter, CancellationToken cancellationToken = default) =>
        Answer(filter, () => StatusClasses);

    public Task<IReadOnlyList<NamedCount>> GetTopUrlsAsync(UsageFilter filter, UrlGrouping grouping = UrlGrouping.Route, int count = 10, CancellationToken cancellationToken = default) =>
        Answer(filter, () => TopUrls);

    public Task<IReadOnlyList<CountryCount>> GetTopCountriesAsync(UsageFilter filter, int count = 10, CancellationToken cancellationToken = default) =>
        Answer(filter, () => TopCountries);

    public Task<PagedResult<UrlStatistics>> GetUrlsAsync(UsageFilter filter, UrlTableQuery query, CancellationToken cancellationToken = default)
    {
        lock (Calls)
        {
            UrlQueries.Add(query);
        }

        return Answer(filter, () => Urls);
    }

    public Task<UrlDetail> GetUrlDetailAsync(UsageFilter filter, UrlKey url, int recentCount = 20, CancellationToken cancellationToken = default) =>
        Answer(filter, () => UrlDetail(filter, url));

    public Task<StatusCodeStatistics> GetStatusCodesAsync(UsageFilter filter, CancellationToken cancellationToken = default) =>
        Answer(filter, () => StatusCodes(filter));

    public Task<GeographyStatistics> GetGeographyAsync(UsageFilter filter, int cityCount = 100, CancellationToken cancellationToken = default) =>
        Answer(filter, () => Geography(filter));

    public Task<AudienceStatistics> GetAudienceAsync(UsageFilter filter, CancellationToken cancellationToken = default) =>
        Answer(filter, () => Audience(filter));

    public Task<PagedResult<UsageRecord>> GetRequestsAsync(UsageFilter filter, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default) =>
        Answer(filter, () => Requests(filter, page));

    public Task<UsageRecord?> GetRequestAsync(long id, CancellationToken cancellationToken = default)
    {
        RequestIds.Add(id);
        return Task.FromResult(SampleData.Requests(1).Items.FirstOrDefault(r => r.Id == id));
    }

    public async IAsyncEnumerable<UsageRecord> StreamRequestsAsync(UsageFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var record in SampleData.Requests(1).Items)
        {
            await Task.Yield();
            yield return record;
        }
    }
}
