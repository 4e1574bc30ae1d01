using UsageDashboard.Data.Rules;

namespace UsageDashboard.Data.Tests.Rules;

public sealed class EndpointIdentityTests
{
    [Fact]
    public void Same_endpoint_gets_same_id_whatever_the_method_order_or_case()
    {
        var a = EndpointIdentity.Compute("shop-app", EndpointIdentity.NormalizeMethods(["post", "GET"]), "/shop/cart");
        var b = EndpointIdentity.Compute("shop-app", EndpointIdentity.NormalizeMethods(["GET", "POST", "get"]), "/shop/cart");

        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{16}$", a);
    }

    [Fact]
    public void Application_methods_and_pattern_all_distinguish()
    {
        var ids = new[]
        {
            EndpointIdentity.Compute("a", "GET", "/x"),
            EndpointIdentity.Compute("b", "GET", "/x"),
            EndpointIdentity.Compute("a", "POST", "/x"),
            EndpointIdentity.Compute("a", "GET", "/y"),
            EndpointIdentity.Compute("a\nGET", "", "/x"),
        };

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void No_methods_means_any_method()
    {
        Assert.Equal("*", EndpointIdentity.NormalizeMethods(null));
        Assert.Equal("*", EndpointIdentity.NormalizeMethods([]));
        Assert.Equal("GET,HEAD", EndpointIdentity.NormalizeMethods(["HEAD", "GET"]));
    }
}
