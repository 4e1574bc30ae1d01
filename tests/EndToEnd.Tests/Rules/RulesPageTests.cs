using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace UsageDashboard.EndToEnd.Tests.Rules;

/// <summary>
/// The Rules page in a real browser: sign in, switch a group, see the audit entry, and the host obeys.
/// Written once and run on each provider.
/// </summary>
public abstract class RulesPageTests(RulesBrowserFixture apps)
{
    private const string ShopExclude = $"[data-testid='group-{RulesBrowserFixture.HostAppName}-shop-exclude']";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Signs in through the real form, starting from a guarded page.</summary>
    internal static async Task<IPage> SignInAsync(IBrowser browser, Uri dashboard, string userName, string password, string path = "/rules")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = dashboard.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.WaitForURLAsync("**/account/login**");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid='login-submit']");
        await page.WaitForURLAsync("**" + path);
        return page;
    }

    [Fact]
    public async Task Admin_switches_shop_off_sees_the_audit_entry_and_shop_requests_stop_being_recorded()
    {
        await apps.StartAsync();
        try
        {
            var page = await SignInAsync(apps.Browser, apps.Dashboard, RulesBrowserFixture.AdminName, RulesBrowserFixture.AdminPassword);

            // The toggles render only once the circuit is interactive, so a click here is not lost.
            await page.Locator(ShopExclude).ClickAsync();

            var audit = page.Locator("[data-testid='audit-entry']").Filter(new LocatorFilterOptions { HasText = "shop" });
            await Assertions.Expect(audit.First).ToContainTextAsync("default → exclude");
            await Assertions.Expect(audit.First).ToContainTextAsync(RulesBrowserFixture.AdminName);
            await Assertions.Expect(page.Locator($"[data-testid='group-{RulesBrowserFixture.HostAppName}-shop-state']")).ToHaveTextAsync("all excluded");

            await Task.Delay(TimeSpan.FromSeconds(2), Ct);
            var marker = Guid.NewGuid().ToString("N");
            Assert.Equal(HttpStatusCode.OK, (await apps.HostApp.GetAsync($"/shop/products?probe=shop{marker}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await apps.HostApp.GetAsync($"/?probe=root{marker}", Ct)).StatusCode);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (await apps.CountAsync("root" + marker) == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, Ct);
            }

            await Task.Delay(300, Ct);
            Assert.Equal(1, await apps.CountAsync("root" + marker));
            Assert.Equal(0, await apps.CountAsync("shop" + marker));
            await page.Context.CloseAsync();
        }
        finally
        {
            await apps.AdminApi.PutAsJsonAsync($"/api/rules/{RulesBrowserFixture.HostAppName}/groups/shop", new { tracking = "default" }, Ct);
        }
    }

    [Fact]
    public async Task Viewer_sees_the_rules_but_no_toggles()
    {
        await apps.StartAsync();
        var page = await SignInAsync(apps.Browser, apps.Dashboard, RulesBrowserFixture.ViewerName, RulesBrowserFixture.ViewerPassword);

        await Assertions.Expect(page.Locator($"[data-testid='group-{RulesBrowserFixture.HostAppName}-shop']")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(ShopExclude).CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid^='endpoint-'][data-testid$='-exclude']").CountAsync());
        Assert.Equal(0, await page.Locator("text=Users").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Api_refuses_a_read_only_keys_change_with_403()
    {
        await apps.StartAsync();
        await using var context = await apps.Browser.NewContextAsync();
        var response = await context.APIRequest.PutAsync(new Uri(apps.Dashboard, $"/api/rules/{RulesBrowserFixture.HostAppName}/groups/shop").ToString(),
            new APIRequestContextOptions
            {
                Headers = new Dictionary<string, string> { ["X-Api-Key"] = RulesBrowserFixture.ReadKey },
                DataObject = new { tracking = "exclude" },
            });

        Assert.Equal(403, response.Status);
    }
}
