using Microsoft.Playwright;
using UsageDashboard.EndToEnd.Tests.Support;

namespace UsageDashboard.EndToEnd.Tests;

/// <summary>
/// Every page in the light and the dark theme, photographed once its charts are drawn. The pictures go to
/// <c>DASHBOARD_SCREENSHOTS</c> when set (the docs/screenshots refresh), else to a temporary folder.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture fixture)
{
    /// <summary>File name stem, path and what must be drawn before the picture is taken.</summary>
    public static TheoryData<string, string, string> Shots => new()
    {
        { "overview", "/?range=7d", "[data-testid=card-timeseries] .apexcharts-svg" },
        { "urls", "/urls?range=7d", "[data-testid=url-table]" },
        { "url-detail", "/urls/detail?range=7d&u=%2Fshop%2Fproducts%2F%7Bid%7D", "[data-testid=card-url-latency] .apexcharts-svg" },
        { "status-codes", "/status-codes?range=7d", "[data-testid=card-status-series] .apexcharts-svg" },
        { "geography", "/geography?range=7d", "[data-testid=card-map] svg path.jvm-region" },
        { "audience", "/audience?range=7d", "[data-testid=card-browsers] .apexcharts-svg" },
        { "requests", "/requests?range=7d", "[data-testid=request-table]" },
    };

    [Theory]
    [MemberData(nameof(Shots))]
    public async Task Page_renders_in_light_and_dark(string name, string path, string drawing)
    {
        fixture.RequireBrowser();
        var folder = Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS") is { Length: > 0 } target
            ? target
            : Directory.CreateTempSubdirectory("dashboard-screenshots").FullName;
        Directory.CreateDirectory(folder);

        foreach (var dark in new[] { false, true })
        {
            await using var session = await DashboardPageSession.OpenAsync(fixture.Browser, dark);
            await session.GoToAsync(fixture.Demo.Url(path));
            await session.Page.Locator(drawing).First.WaitForAsync();
            // Let chart animations settle before the picture.
            await session.Page.WaitForTimeoutAsync(900);
            var file = Path.Combine(folder, $"{name}-{(dark ? "dark" : "light")}.png");

            await session.Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });

            Assert.True(new FileInfo(file).Length > 20_000, $"{file} looks blank");
            var isDark = await session.Page.EvaluateAsync<bool>(
                "() => { const c = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return c[0] + c[1] + c[2] < 200; }");
            Assert.Equal(dark, isDark);
            Assert.Empty(session.Errors);
        }
    }
}
