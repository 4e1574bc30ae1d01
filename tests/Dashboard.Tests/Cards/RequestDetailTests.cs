using Bunit;
using UsageDashboard.Dashboard.Components.Cards;
using UsageDashboard.Dashboard.Tests.Support;
using UsageDashboard.Tracker;

namespace UsageDashboard.Dashboard.Tests.Cards;

public sealed class RequestDetailTests : DashboardTestContext
{
    [Fact]
    public void Json_fields_are_pretty_printed_and_cut_json_is_shown_as_is()
    {
        var record = SampleData.Requests(1).Items[0];
        record.IpInfo = "{\"country\":\"DE\",\"ci";

        var cut = Render<RequestDetail>(p => p.Add(c => c.Record, record));

        var text = cut.Find("[data-testid=request-detail]").TextContent;
        Assert.Contains("\"ref\": \"mail\"", text, StringComparison.Ordinal);
        Assert.Contains("{\"country\":\"DE\",\"ci", text, StringComparison.Ordinal);
        Assert.Contains("Firefox 133", text, StringComparison.Ordinal);
        Assert.Contains("42 ms", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_values_show_a_dash()
    {
        var cut = Render<RequestDetail>(p => p.Add(c => c.Record, new UsageRecord { Id = 1, Path = "/", Method = "GET", Status = 200 }));
        Assert.True(cut.FindAll("tr").Count(r => r.TextContent.Contains('–', StringComparison.Ordinal)) > 10);
    }
}
