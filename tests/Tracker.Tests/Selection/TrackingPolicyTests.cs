using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UsageDashboard.Tracker.Selection;
using UsageDashboard.Tracker.Tests.Support;

namespace UsageDashboard.Tracker.Tests.Selection;

/// <summary>The original's include/exclude and blueprint include/exclude suites, plus what this product adds.</summary>
public sealed class TrackingPolicyTests
{
    private static Dictionary<string, string?> Mode(string mode) => new() { ["UsageTracking:Mode"] = mode };

    [Theory]
    [InlineData("Default", UsageTrackingMode.Exclude, true)]
    [InlineData("Default", UsageTrackingMode.Include, false)]
    [InlineData("Track", UsageTrackingMode.Exclude, true)]
    [InlineData("Track", UsageTrackingMode.Include, true)]
    [InlineData("Exclude", UsageTrackingMode.Exclude, false)]
    [InlineData("Exclude", UsageTrackingMode.Include, false)]
    public void Decide_FollowsCodeThenMode(string code, UsageTrackingMode mode, bool tracked) =>
        Assert.Equal(tracked, TrackingPolicy.Decide(Enum.Parse<TrackingDecision>(code), mode));

    [Fact]
    public void CodeDecision_ExclusionWinsOverInclusion()
    {
        var both = new EndpointMetadataCollection(new TrackUsageAttribute(), new ExcludeFromUsageTrackingAttribute());
        var reversed = new EndpointMetadataCollection(new ExcludeFromUsageTrackingAttribute(), new TrackUsageAttribute());

        Assert.Equal(TrackingDecision.Exclude, TrackingPolicy.CodeDecision(both));
        Assert.Equal(TrackingDecision.Exclude, TrackingPolicy.CodeDecision(reversed));
        Assert.Equal(TrackingDecision.Track, TrackingPolicy.CodeDecision(new EndpointMetadataCollection(new TrackUsageAttribute())));
        Assert.Equal(TrackingDecision.Default, TrackingPolicy.CodeDecision(EndpointMetadataCollection.Empty));
    }

    // Original: test_exclude_type.
    [Fact]
    public async Task ExcludeMode_TracksEverythingExceptExcludedEndpoints()
    {
        await using var app = await TrackedApp.StartAsync(a =>
        {
            a.MapGet("/", () => "Hello!");
            a.MapGet("/excluded", () => "EXCLUDED").ExcludeFromUsageTracking();
            a.MapGet("/excluded-attribute", [ExcludeFromUsageTracking] () => "EXCLUDED");
        }, Mode("Exclude"));

        await app.GetAsync("/");
        await app.GetAsync("/excluded");
        await app.GetAsync("/excluded-attribute");
        var records = await app.StopAsync();

        Assert.Equal(["/"], records.Select(r => r.Path));
    }

    // Original: test_include_type.
    [Fact]
    public async Task IncludeMode_TracksOnlyIncludedEndpoints()
    {
        await using var app = await TrackedApp.StartAsync(a =>
        {
            a.MapGet("/", () => "Hello!");
            a.MapGet("/included", () => "INCLUDED").TrackUsage();
            a.MapGet("/included-attribute", [TrackUsage] () => "INCLUDED");
        }, Mode("Include"));

        await app.GetAsync("/included");
        await app.GetAsync("/");
        await app.GetAsync("/included-attribute");
        var records = await app.StopAsync();

        Assert.Equal(["/included", "/included-attribute"], records.Select(r => r.Path));
    }

    // Original: test_raw_blueprint — a named group changes nothing by itself.
    [Fact]
    public async Task IncludeMode_GroupWithoutInclusion_TracksNothing()
    {
        await using var app = await TrackedApp.StartAsync(a =>
        {
            a.MapGet("/", () => "Hello!");
            var group = a.MapGroup("/bp").WithUsageGroup("test_blueprint");
            group.MapGet("/included", () => "INCLUDED");
            group.MapGet("/excluded", () => "EXCLUDED");
        }, Mode("Include"));

        foreach (var page in new[] { "/", "/bp/included", "/bp/excluded" })
        {
            Assert.True((await app.GetAsync(page)).IsSuccessStatusCode);
        }

        Assert.Empty(await app.StopAsync());
    }

    // Original: test_include_blueprint.
    [Fact]
    public async Task IncludeMode_IncludedGroup_TracksAllOfItsEndpoints()
    {
        await using var app = await TrackedApp.StartAsync(a =>
        {
            a.MapGet("/", () => "Hello!");
            var group = a.MapGroup("/bp").WithUsageGroup("test_blueprint").TrackUsage();
            group.MapGet("/included", () => "INCLUDED");
            group.MapGet("/excluded", () => "EXCLUDED");
        }, Mode("Include"));

        await app.GetAsync("/bp/included");
        await app.GetAsync("/bp/excluded");
        await app.GetAsync("/");
        var records = await app.StopAsync();

        Assert.Equal(["/bp/included", "/bp/excluded"], records.Select(r => r.Path));
        Assert.All(records, r => Assert.Equal("test_blueprint", r.Blueprint));
    }

    // Original: test_exclude_blueprint.
    [Fact]
    public async Task ExcludeMode_ExcludedGroup_TracksNoneOfItsEndpoints()
    {
        await using var app = await TrackedApp.StartAsync(a =>
        {
            a.MapGet("/", () => "Hello!");
            var group = a.MapGroup("/bp").WithUsageGroup("test_blueprint").ExcludeFromUsageTracking();
            group.MapGet("/included", () => "INCLUDED");
            group.MapGet("/excluded", () => "EXCLUDED");
        }, Mode("Exclude"));

        await app.GetAsync("/");
        await app.GetAsync("/bp/included");
        await app.GetAsync("/bp/excluded");
        var records = await app.StopAsync();

        var record = Assert.Single(records);
        Assert.Equal("/", record.Path);
        Assert.Null(record.Blueprint);
    }

    [Fact]
    public async Task ExclusionWinsOverInclusion_OnEndpointsAndGroups()
    {
        await using var app = await TrackedApp.StartAsync(a =>
        {
            var shop = a.MapGroup("/shop").WithUsageGroup("shop").TrackUsage();
            shop.MapGet("/products", () => "products");
            shop.MapGet("/internal", () => "internal").ExcludeFromUsageTracking();
            a.MapGet("/both", () => "both").ExcludeFromUsageTracking().TrackUsage();
            var admin = a.MapGroup("/admin").ExcludeFromUsageTracking();
            admin.MapGet("/users", () => "users").TrackUsage();
        }, Mode("Include"));

        foreach (var page in new[] { "/shop/products", "/shop/internal", "/both", "/admin/users" })
        {
            await app.GetAsync(page);
        }

        var records = await app.StopAsync();

        Assert.Equal(["/shop/products"], records.Select(r => r.Path));
    }

    [Fact]
    public async Task NestedGroups_RecordTheInnermostGroupName()
    {
        await using var app = await TrackedApp.StartAsync(a =>
        {
            var shop = a.MapGroup("/shop").WithUsageGroup("shop");
            shop.MapGet("/products", () => "products");
            shop.MapGroup("/cart").WithUsageGroup("cart").MapGet("/items", () => "items");
            shop.MapGet("/special", () => "special").WithUsageGroup("special");
        });

        await app.GetAsync("/shop/products");
        await app.GetAsync("/shop/cart/items");
        await app.GetAsync("/shop/special");
        var records = await app.StopAsync();

        Assert.Equal(["shop", "cart", "special"], records.Select(r => r.Blueprint));
        Assert.Equal(["/shop/products", "/shop/cart/items", "/shop/special"], records.Select(r => r.Route));
    }

    [Fact]
    public async Task ExcludeMode_UnmatchedRequest_IsRecordedOnceWithNullBlueprint()
    {
        await using var app = await TrackedApp.StartAsync(a => a.MapGet("/", () => "Hello!"));

        var response = await app.GetAsync("/missing/page?x=1");
        var records = await app.StopAsync();

        Assert.Equal(404, (int)response.StatusCode);
        var record = Assert.Single(records);
        Assert.Equal(404, record.Status);
        Assert.Equal("/missing/page", record.Path);
        Assert.Null(record.Blueprint);
        Assert.Null(record.Route);
        Assert.Null(record.EndpointName);
        Assert.Null(record.ViewArgs);
        Assert.Equal("""{"x":"1"}""", record.UrlArgs);
    }

    [Fact]
    public async Task IncludeMode_UnmatchedRequest_IsNotRecorded()
    {
        await using var app = await TrackedApp.StartAsync(a => a.MapGet("/", () => "Hello!").TrackUsage(), Mode("Include"));

        await app.GetAsync("/missing");
        await app.GetAsync("/");
        var records = await app.StopAsync();

        Assert.Equal(["/"], records.Select(r => r.Path));
    }

    [Fact]
    public async Task RoutingAfterTheMiddleware_StillDecidesPerEndpoint()
    {
        await using var app = await TrackedApp.StartAsync(
            a =>
            {
                a.MapGet("/included", () => "INCLUDED").WithUsageGroup("g").TrackUsage();
                a.MapGet("/other", () => "OTHER");
            },
            Mode("Include"),
            pipeline: a =>
            {
                a.UseUsageTracking();
                a.UseRouting();
            });

        await app.GetAsync("/other");
        await app.GetAsync("/included");
        await app.GetAsync("/missing");
        var records = await app.StopAsync();

        var record = Assert.Single(records);
        Assert.Equal("/included", record.Path);
        Assert.Equal("g", record.Blueprint);
        Assert.Equal("/included", record.Route);
    }

    [Fact]
    public async Task Disabled_RecordsNothing()
    {
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/", () => "Hello!").TrackUsage(),
            new Dictionary<string, string?> { ["UsageTracking:Enabled"] = "false" });

        Assert.Equal("Hello!", await (await app.GetAsync("/")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await app.GetAsync("/missing");

        Assert.Empty(await app.StopAsync());
        Assert.Equal(0, app.Counters.Captured);
    }
}
