using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Tracker.Tests.Support;

namespace UsageDashboard.Tracker.Tests.Selection;

/// <summary>Controllers and Razor Pages (compiled into this assembly) under both modes.</summary>
public sealed class MvcTrackingTests
{
    private static Task<TrackedApp> StartAsync(string mode) => TrackedApp.StartAsync(
        a =>
        {
            a.MapControllers();
            a.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
            a.MapRazorPages();
        },
        new Dictionary<string, string?> { ["UsageTracking:Mode"] = mode },
        (builder, _) =>
        {
            builder.Services.AddControllersWithViews();
            builder.Services.AddRazorPages();
        });

    [Fact]
    public async Task ExcludeMode_Controllers_GroupByAreaElseControllerName()
    {
        await using var app = await StartAsync("Exclude");

        foreach (var path in new[] { "/reports/daily", "/reports/hidden", "/reports/2026/3", "/admin/users", "/billing/invoices", "/billing/secret", "/Home/About/x" })
        {
            Assert.True((await app.GetAsync(path)).IsSuccessStatusCode, path);
        }

        var records = await app.StopAsync();

        Assert.Equal(["/reports/daily", "/reports/2026/3", "/admin/users", "/billing/invoices", "/Home/About/x"], records.Select(r => r.Path));
        Assert.Equal(["Reports", "Reports", "Admin", "billing", "Home"], records.Select(r => r.Blueprint));
        Assert.Equal(["/reports/daily", "/reports/{year:int}/{month:int}", "/admin/users", "/billing/invoices", "/{controller=Home}/{action=Index}/{id?}"], records.Select(r => r.Route));
        Assert.Equal(["{}", """{"year":"2026","month":"3"}""", "{}", "{}", """{"id":"x"}"""], records.Select(r => r.ViewArgs));
        Assert.Contains("ReportsController.Daily", records[0].EndpointName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncludeMode_OnlyIncludedControllersAndPages()
    {
        await using var app = await StartAsync("Include");

        foreach (var path in new[] { "/reports/daily", "/billing/invoices", "/billing/secret", "/razor/tracked/7", "/razor/hidden", "/razor/plain" })
        {
            Assert.True((await app.GetAsync(path)).IsSuccessStatusCode, path);
        }

        var records = await app.StopAsync();

        Assert.Equal(["/billing/invoices", "/razor/tracked/7"], records.Select(r => r.Path));
        var page = records[1];
        Assert.Equal("/razor/tracked/{id?}", page.Route);
        Assert.Equal("""{"id":"7"}""", page.ViewArgs);
        Assert.Null(page.Blueprint);
        Assert.True(page.ContentLength > 0);
    }

    [Fact]
    public async Task ExcludeMode_RazorPages_ExceptExcludedOnes()
    {
        await using var app = await StartAsync("Exclude");

        foreach (var path in new[] { "/razor/plain", "/razor/hidden", "/razor/tracked" })
        {
            Assert.True((await app.GetAsync(path)).IsSuccessStatusCode, path);
        }

        var records = await app.StopAsync();

        Assert.Equal(["/razor/plain", "/razor/tracked"], records.Select(r => r.Path));
        Assert.Equal("{}", records[1].ViewArgs);
    }
}
