using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Tests.Capture;

public sealed class RequestLineTests
{
    [Theory]
    [InlineData("example.com", "", "/shop/products", "?id=42&q=a%20b")]
    [InlineData("b\u00FCcher.example:8080", "/base", "/caf\u00E9 menu/\u00FCber", "")]
    [InlineData("[::1]:5000", "", "/a%2Fb", "?x=\u00E9")]
    [InlineData("127.0.0.1", "", "", "")]
    public void Compose_GivesTheUrlTheRequestWouldReport_AndTheRequestLineAndQueryArguments(string host, string pathBase, string path, string query)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = "POST";
        request.Scheme = "https";
        request.Host = new HostString(host);
        request.PathBase = new PathString(pathBase);
        request.Path = new PathString(path);
        request.QueryString = new QueryString(query);
        request.Protocol = "HTTP/2";

        var text = RequestLine.Of(request).Compose();

        Assert.Equal(request.GetEncodedUrl(), text.Url);
        Assert.Equal($"POST {request.GetEncodedUrl()} HTTP/2", text.Request);
        Assert.Equal(JsonArgs.FromQuery(query), text.UrlArgs);
    }

    [Fact]
    public void Compose_CutsTheUrlToItsColumn_AndBuildsTheRequestLineFromTheCutUrl()
    {
        var path = "/" + new string('p', UsageRecordLimits.Url);
        var text = new RequestLine("GET", "http", "example.com", null, path, null, "HTTP/1.1").Compose();

        Assert.Equal(UsageRecordLimits.Url, text.Url.Length);
        Assert.StartsWith("http://example.com/ppp", text.Url, StringComparison.Ordinal);
        Assert.Equal($"GET {text.Url} HTTP/1.1", text.Request);
    }

    [Fact]
    public void Compose_JoinsThePartsAsTheyCame_WhenTheyCannotBeEncoded()
    {
        // A path without its leading slash is refused by PathString; the record is kept with the parts joined.
        var text = new RequestLine("GET", "http", "example.com", null, "no-slash", "?a=1", "HTTP/1.1").Compose();

        Assert.Equal("http://example.comno-slash?a=1", text.Url);
        Assert.Equal("GET http://example.comno-slash?a=1 HTTP/1.1", text.Request);
        Assert.Equal("""{"a":"1"}""", text.UrlArgs);
    }

    [Fact]
    public void Lines_AreEqualOnlyWhenEveryPartHasTheSameText()
    {
        var line = new RequestLine("GET", "http", "example.com", "", "/shop", "?q=1", "HTTP/1.1");

        Assert.Equal(line, line with { Path = new string("/shop".AsSpan()) });
        Assert.NotEqual(line, line with { Path = "/Shop" });
        Assert.NotEqual(line, line with { Host = "Example.com" });
        Assert.NotEqual(line, line with { Query = "?q=2" });
        Assert.NotEqual(line, line with { Method = "HEAD" });
    }
}
