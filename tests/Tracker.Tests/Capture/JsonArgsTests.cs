using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Tests.Capture;

public sealed class JsonArgsTests
{
    [Theory]
    [InlineData(null, "{}")]
    [InlineData("", "{}")]
    [InlineData("?", "{}")]
    [InlineData("?a=1", """{"a":"1"}""")]
    [InlineData("?a=1&a=2&b=", """{"a":["1","2"],"b":""}""")]
    [InlineData("?flag", """{"flag":""}""")]
    [InlineData("?q=%C3%BCber%20%22quoted%22", """{"q":"\u00FCber \u0022quoted\u0022"}""")]
    [InlineData("?%ZZ=%", """{"%ZZ":"%"}""")]
    public void FromQuery_MapsKeysToValuesOrArrays(string? query, string expected) =>
        Assert.Equal(expected, JsonArgs.FromQuery(query));

    [Fact]
    public void FromQuery_HugeQuery_StaysValidJsonWithinTheLimit()
    {
        var query = "?" + string.Join('&', Enumerable.Range(0, 2000).Select(i => $"k{i}={new string('\u00e9', 50)}"));

        var json = JsonArgs.FromQuery(query);

        Assert.InRange(json.Length, 100, UsageRecordLimits.Json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(new string('\u00e9', 50), document.RootElement.GetProperty("k0").GetString());
    }

    [Fact]
    public void FromQuery_HugeRepeatedKey_IsCutInsideTheArray()
    {
        var query = "?" + string.Join('&', Enumerable.Range(0, 2000).Select(i => $"tag=value{i}"));

        var json = JsonArgs.FromQuery(query);

        Assert.InRange(json.Length, 100, UsageRecordLimits.Json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("value0", document.RootElement.GetProperty("tag")[0].GetString());
    }

    [Fact]
    public void FromRouteValues_KeepsOnlyTheNamedParameters_AndSurvivesLoneSurrogates()
    {
        var values = new RouteValueDictionary { ["id"] = "a\ud800b", ["controller"] = "Home", ["page"] = 3 };

        var json = JsonArgs.FromRouteValues(values, ["id", "page", "missing"]);

        using var document = JsonDocument.Parse(json);
        Assert.Equal("a\ufffdb", document.RootElement.GetProperty("id").GetString());
        Assert.Equal("3", document.RootElement.GetProperty("page").GetString());
        Assert.False(document.RootElement.TryGetProperty("controller", out _));
    }

    [Fact]
    public void FromTrackVars_EmptyIsNull_AndOversizedValuesBecomeCutText()
    {
        Assert.Null(JsonArgs.FromTrackVars(new Dictionary<string, object?>()));

        var json = JsonArgs.FromTrackVars(new Dictionary<string, object?>
        {
            ["list"] = Enumerable.Range(0, 5000).ToArray(),
            ["after"] = "kept",
        })!;

        Assert.InRange(json.Length, 10, UsageRecordLimits.Json);
        using var document = JsonDocument.Parse(json);
        Assert.StartsWith("[0,1,2", document.RootElement.GetProperty("list").GetString(), StringComparison.Ordinal);
    }
}
