using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data;

namespace UsageDashboard.Integration.Tests.Rules;

/// <summary>
/// An admin's rule change through the Dashboard API reaches every running HostApp instance within
/// 2 seconds; other groups keep being recorded; switching back resumes recording.
/// </summary>
public abstract class RulePropagationTests(RulesAppsFixture apps)
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string GroupUrl(string group) => $"/api/rules/{RulesAppsFixture.HostAppName}/groups/{group}";

    [Fact]
    public async Task Switching_shop_off_stops_recording_on_every_instance_within_2_s_and_switching_back_resumes()
    {
        await apps.StartAsync();

        // Before: both instances record the shop.
        await ProbeAsync(shopRecorded: true);

        using (var response = await apps.Admin.PutAsJsonAsync(GroupUrl("shop"), new { tracking = "exclude" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal("exclude", body.RootElement.GetProperty("tracking").GetString());
            var endpoints = body.RootElement.GetProperty("endpoints").EnumerateArray().ToList();
            Assert.NotEmpty(endpoints);
            Assert.All(endpoints, e => Assert.False(e.GetProperty("tracked").GetBoolean()));
            Assert.All(endpoints, e => Assert.Equal("group-override", e.GetProperty("source").GetString()));
        }

        await Task.Delay(Propagation, Ct);
        await ProbeAsync(shopRecorded: false);

        using (var response = await apps.Admin.PutAsJsonAsync(GroupUrl("shop"), new { tracking = "default" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Task.Delay(Propagation, Ct);
        await ProbeAsync(shopRecorded: true);
    }

    [Fact]
    public async Task Read_only_key_may_read_but_not_change_rules_and_no_key_gets_401()
    {
        await apps.StartAsync();

        using var read = await apps.Reader.GetAsync("/api/rules", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var forbidden = await apps.Reader.PutAsJsonAsync(GroupUrl("shop"), new { tracking = "exclude" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        using var anonymous = await apps.Anonymous.PutAsJsonAsync(GroupUrl("shop"), new { tracking = "exclude" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var anonymousRead = await apps.Anonymous.GetAsync("/api/rules", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRead.StatusCode);

        using var audit = await apps.Reader.GetAsync("/api/rules/audit", Ct);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.DoesNotContain(JsonDocument.Parse(await audit.Content.ReadAsStringAsync(Ct)).RootElement.EnumerateArray(),
            a => a.GetProperty("user").GetString()!.StartsWith("api-key:read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_values_and_unknown_targets_are_refused_clearly()
    {
        await apps.StartAsync();

        using var bad = await apps.Admin.PutAsJsonAsync(GroupUrl("shop"), new { tracking = "off" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("tracking", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var unknownGroup = await apps.Admin.PutAsJsonAsync(GroupUrl("no-such-group"), new { tracking = "exclude" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknownGroup.StatusCode);

        using var unknownEndpoint = await apps.Admin.PutAsJsonAsync(
            $"/api/rules/{RulesAppsFixture.HostAppName}/endpoints/0000000000000000", new { tracking = "exclude" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknownEndpoint.StatusCode);
    }

    [Fact]
    public async Task Catalog_lists_hostapp_groups_with_code_decisions()
    {
        await apps.StartAsync();

        using var doc = JsonDocument.Parse(await apps.Reader.GetStringAsync("/api/rules", Ct));
        var app = doc.RootElement.GetProperty("applications").EnumerateArray()
            .Single(a => a.GetProperty("name").GetString() == RulesAppsFixture.HostAppName);
        var groups = app.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString() ?? "");
        Assert.Contains("shop", groups.Keys);
        Assert.Contains("admin", groups.Keys);
        var shopRoutes = groups["shop"].GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("route").GetString()).ToList();
        Assert.Contains("/shop/products", shopRoutes);
        Assert.Contains("/shop/products/{id}", shopRoutes);
        // The admin group is excluded in code.
        Assert.All(groups["admin"].GetProperty("endpoints").EnumerateArray(), e =>
        {
            Assert.False(e.GetProperty("tracked").GetBoolean());
            Assert.Equal("code", e.GetProperty("source").GetString());
        });
    }

    /// <summary>
    /// Sends a marked request to /shop/products and to / on every instance, waits until the / requests
    /// are stored (proof the writer flushed), then checks whether the shop requests were recorded.
    /// </summary>
    private async Task ProbeAsync(bool shopRecorded)
    {
        var marker = Guid.NewGuid().ToString("N");
        foreach (var host in apps.HostApps)
        {
            using var shop = await host.GetAsync($"/shop/products?probe=shop{marker}", Ct);
            Assert.Equal(HttpStatusCode.OK, shop.StatusCode);
            using var root = await host.GetAsync($"/?probe=root{marker}", Ct);
            Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await CountAsync("root" + marker) < apps.HostApps.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Ct);
        }

        Assert.Equal(apps.HostApps.Count, await CountAsync("root" + marker));
        // A response can reach the client a moment before its record is queued: allow one flush more.
        await Task.Delay(300, Ct);
        // The shop request of each instance was sent before its root request, so it is flushed by now.
        Assert.Equal(shopRecorded ? apps.HostApps.Count : 0, await CountAsync("shop" + marker));
    }

    private async Task<int> CountAsync(string marker)
    {
        var options = UsageDbContextOptions.Create(new UsageStorageOptions
        {
            Provider = Enum.Parse<UsageStorageProvider>(apps.Provider),
            ConnectionString = apps.ConnectionString,
        });
        await using var db = new UsageDbContext(options);
        return await db.Usage.CountAsync(r => r.Url.Contains(marker), Ct);
    }
}
