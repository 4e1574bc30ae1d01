using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Tests.Capture;

public sealed class UsageRecordTruncationTests
{
    [Fact]
    public void What_enrichment_filled_past_a_limit_is_cut_and_oversized_json_dropped()
    {
        var tooLong = new string('s', UsageRecordLimits.Short + 1);
        var record = new UsageRecord
        {
            Url = "http://localhost/",
            Path = "/",
            Method = "GET",
            RemoteAddr = new string('a', UsageRecordLimits.Address + 5),
            XForwardedFor = new string('f', UsageRecordLimits.ForwardedFor + 5),
            Browser = tooLong,
            BrowserVersion = tooLong,
            Platform = tooLong,
            OsVersion = tooLong,
            Device = tooLong,
            Language = tooLong,
            CountryCode = tooLong,
            Country = tooLong,
            Region = tooLong,
            City = tooLong,
            VisitorId = new string('i', UsageRecordLimits.VisitorId + 1),
            UrlArgs = "{\"q\":\"" + new string('q', UsageRecordLimits.Json) + "\"}",
            IpInfo = "{\"x\":\"" + new string('x', UsageRecordLimits.IpInfo) + "\"}",
        };

        UsageRecordTruncation.Apply(record);

        Assert.Equal(UsageRecordLimits.Address, record.RemoteAddr!.Length);
        Assert.Equal(UsageRecordLimits.ForwardedFor, record.XForwardedFor!.Length);
        string?[] shorts = [record.Browser, record.BrowserVersion, record.Platform, record.OsVersion, record.Device, record.Language, record.CountryCode, record.Country, record.Region, record.City];
        Assert.All(shorts, s => Assert.Equal(UsageRecordLimits.Short, s!.Length));
        Assert.Equal(UsageRecordLimits.VisitorId, record.VisitorId!.Length);
        Assert.Null(record.UrlArgs);
        Assert.Null(record.IpInfo);
    }

    [Fact]
    public void Values_within_their_limits_are_left_as_they_are()
    {
        const string agent = "Mozilla/5.0";
        var record = new UsageRecord { Url = "http://localhost/", Path = "/", Method = "GET", RemoteAddr = "8.8.8.8", Browser = "Chrome", UserAgent = agent, UrlArgs = "{}" };

        UsageRecordTruncation.Apply(record);

        Assert.Equal("8.8.8.8", record.RemoteAddr);
        Assert.Equal("Chrome", record.Browser);
        Assert.Same(agent, record.UserAgent);
        Assert.Equal("{}", record.UrlArgs);
        Assert.Null(record.City);
    }
}
