using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UsageDashboard.Data;
using UsageDashboard.EndToEnd.Tests.Support;

namespace UsageDashboard.EndToEnd.Tests;

/// <summary>
/// Every page of the dashboard in real Chromium against demo data and against an empty database, once per
/// storage provider (SQLite and PostgreSQL).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DashboardPagesTests(BrowserFixture fixture)
{
    /// <summary>Each usage page with the drawing it must contain.</summary>
    private static readonly (string Path, string Drawing)[] UsagePages =
    [
        ("/", "[data-testid=card-timeseries] .apexcharts-svg"),
        ("/urls", "[data-testid=url-table] tbody tr"),
        ("/urls/detail?u=%2F", "[data-testid=card-url-latency] .apexcharts-svg"),
        ("/status-codes", "[data-testid=card-status-series] .apexcharts-svg"),
        ("/geography", "[data-testid=card-map] svg path.jvm-region"),
        ("/audience", "[data-testid=card-browsers] .apexcharts-svg"),
        ("/requests", "[data-testid=request-table] tbody tr"),
    ];

    /// <summary>Every usage page on every provider.</summary>
    public static TheoryData<UsageStorageProvider, string, string> Pages()
    {
        var data = new TheoryData<UsageStorageProvider, string, string>();
        foreach (var provider in Enum.GetValues<UsageStorageProvider>())
        {
            foreach (var (path, drawing) in UsagePages)
            {
                data.Add(provider, path, drawing);
            }
        }

        return data;
    }

    /// <summary>Every provider.</summary>
    public static TheoryData<UsageStorageProvider> Providers() => BrowserFixture.Providers;

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_renders_demo_data_without_console_errors(UsageStorageProvider provider, string path, string drawing)
    {
        fixture.RequireBrowser();
        var server = await fixture.DemoAsync(provider);
        await using var session = await DashboardPageSession.OpenAsync(fixture.Browser);

        await session.GoToAsync(server.Url(path));

        await session.Page.Locator(drawing).First.WaitForAsync();
        Assert.Empty(await session.Page.Locator("[data-testid=empty-state]").AllAsync());
        Assert.Empty(await session.Page.Locator("[data-testid=load-error]").AllAsync());
        Assert.Empty(session.Errors);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_on_an_empty_database_shows_setup_guidance_without_errors(UsageStorageProvider provider, string path, string drawing)
    {
        fixture.RequireBrowser();
        _ = drawing;
        var server = await fixture.EmptyAsync(provider);
        await using var session = await DashboardPageSession.OpenAsync(fixture.Browser);

        await session.GoToAsync(server.Url(path));

        await session.Page.Locator("[data-testid=empty-state]").WaitForAsync();
        Assert.Contains("AddUsageTracking", await session.Page.Locator("[data-testid=tracker-snippet]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await session.Page.Locator("[data-testid=load-error]").AllAsync());
        Assert.Empty(session.Errors);
    }

    /// <summary>Every usage page, for the comparison between providers.</summary>
    public static TheoryData<string, string> PagesOnce() => new(UsagePages);

    [Theory]
    [MemberData(nameof(PagesOnce))]
    public async Task Page_shows_the_same_numbers_on_every_provider(string path, string drawing)
    {
        fixture.RequireBrowser();
        // Both databases hold the same records: every number, label and table row must be the same.
        var url = InFixedWeek(path);
        var texts = new Dictionary<UsageStorageProvider, string>();

        foreach (var provider in Enum.GetValues<UsageStorageProvider>())
        {
            var server = await fixture.DemoAsync(provider);
            await using var session = await DashboardPageSession.OpenAsync(fixture.Browser);
            await session.GoToAsync(server.Url(url));
            await session.Page.Locator(drawing).First.WaitForAsync();
            Assert.Empty(await session.Page.Locator("[data-testid=load-error]").AllAsync());
            Assert.Empty(session.Errors);
            texts[provider] = await session.Page.Locator(".page-container").InnerTextAsync();
        }

        var sqlite = texts[UsageStorageProvider.Sqlite].Split('\n');
        Assert.True(sqlite.Count(line => line.Any(char.IsAsciiDigit)) >= 5, $"{path} shows the week's numbers:\n{texts[UsageStorageProvider.Sqlite]}");
        var postgres = texts[UsageStorageProvider.PostgreSql].Split('\n');
        var differences = sqlite.Zip(postgres).Select((pair, line) => (pair, line)).Where(x => x.pair.First != x.pair.Second)
            .Select(x => $"line {x.line}: SQLite '{x.pair.First}' vs PostgreSQL '{x.pair.Second}'").Take(10).ToList();
        Assert.True(differences.Count == 0 && sqlite.Length == postgres.Length,
            $"{path} differs ({sqlite.Length} vs {postgres.Length} lines):\n" + string.Join('\n', differences));
    }

    [Fact]
    public async Task Request_detail_shows_the_same_fields_on_every_provider()
    {
        fixture.RequireBrowser();
        var texts = new Dictionary<UsageStorageProvider, string>();

        foreach (var provider in Enum.GetValues<UsageStorageProvider>())
        {
            var server = await fixture.DemoAsync(provider);
            await using var session = await DashboardPageSession.OpenAsync(fixture.Browser);
            await session.GoToAsync(server.Url(InFixedWeek("/requests")));
            await session.Page.Locator("[data-testid=request-table] tbody tr").First.ClickAsync();
            var detail = session.Page.Locator("[data-testid=request-detail]");
            await detail.WaitForAsync();
            Assert.Empty(session.Errors);
            texts[provider] = await detail.InnerTextAsync();
        }

        Assert.Contains("ip_info", texts[UsageStorageProvider.Sqlite], StringComparison.Ordinal);
        Assert.Equal(texts[UsageStorageProvider.Sqlite], texts[UsageStorageProvider.PostgreSql]);
    }

    /// <summary>
    /// <paramref name="path"/> over a fixed week of whole days in a zone with an offset, ending days before the
    /// demo month does: both providers' demo dashboards hold the same records, so they must show the same.
    /// </summary>
    private static string InFixedWeek(string path)
    {
        var to = DateOnly.FromDateTime(BrowserFixture.DemoEnd).AddDays(-4);
        var range = $"range=custom&from={to.AddDays(-6):yyyy-MM-dd}&to={to:yyyy-MM-dd}&tz=Europe%2FBerlin";
        return path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + range;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rules_page_lists_the_registered_applications_with_their_hits(UsageStorageProvider provider)
    {
        fixture.RequireBrowser();
        var server = await fixture.DemoAsync(provider);
        await using var session = await DashboardPageSession.OpenAsync(fixture.Browser);

        await session.GoToAsync(server.Url("/rules?range=30d"));

        var page = session.Page;
        await page.Locator("[data-testid=rules-app-HostApp]").WaitForAsync();
        await page.Locator("[data-testid=rules-app-ShopApi]").WaitForAsync();
        Assert.True(await HitsInRangeAsync(page.Locator("[data-testid=group-HostApp-shop]")) > 0, "the demo month has shop requests");
        Assert.True(await HitsInRangeAsync(page.Locator("[data-testid=group-ShopApi-api]")) > 0, "the demo month has api requests");
        Assert.Empty(await page.Locator("[data-testid=rules-empty]").AllAsync());
        Assert.Empty(await page.Locator("[data-testid=load-error]").AllAsync());
        Assert.Empty(session.Errors);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rules_page_on_an_empty_database_explains_how_applications_register(UsageStorageProvider provider)
    {
        fixture.RequireBrowser();
        var server = await fixture.EmptyAsync(provider);
        await using var session = await DashboardPageSession.OpenAsync(fixture.Browser);

        await session.GoToAsync(server.Url("/rules"));

        var empty = session.Page.Locator("[data-testid=rules-empty]");
        await empty.WaitForAsync();
        Assert.Contains("AddUsageTracking()", await empty.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await session.Page.Locator("[data-testid=load-error]").AllAsync());
        Assert.Empty(session.Errors);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Users_page_lists_the_configured_admin(UsageStorageProvider provider)
    {
        fixture.RequireBrowser();
        foreach (var server in new[] { await fixture.DemoAsync(provider), await fixture.EmptyAsync(provider) })
        {
            await using var session = await DashboardPageSession.OpenAsync(fixture.Browser);

            await session.GoToAsync(server.Url("/users"));

            var admin = session.Page.Locator($"[data-testid=user-{DashboardServer.AdminName}]");
            await admin.WaitForAsync();
            Assert.Contains("(you)", await admin.InnerTextAsync(), StringComparison.Ordinal);
            await session.Page.Locator("[data-testid=users-create]").WaitForAsync();
            Assert.Empty(session.Errors);
        }
    }

    /// <summary>The number in a Rules group's "N hits in range" caption.</summary>
    private static async Task<long> HitsInRangeAsync(ILocator group)
    {
        var match = HitsCaption().Match(await group.InnerTextAsync());
        Assert.True(match.Success, "the group shows its hits in range");
        return long.Parse(new string([.. match.Groups[1].Value.Where(char.IsAsciiDigit)]), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"([\d][\d.,\s\u202f]*) hits in range")]
    private static partial Regex HitsCaption();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Changing_the_range_updates_the_url_and_the_numbers(UsageStorageProvider provider)
    {
        fixture.RequireBrowser();
        var server = await fixture.DemoAsync(provider);
        await using var session = await DashboardPageSession.OpenAsync(fixture.Browser);
        await session.GoToAsync(server.Url("/"));
        var page = session.Page;
        var requests24h = await page.Locator("[data-testid=card-requests-value]").InnerTextAsync();

        await page.Locator("[data-testid=filter-range]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Last 30 days" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("range=30d", StringComparison.Ordinal));
        await page.WaitForFunctionAsync(
            "previous => { const e = document.querySelector('[data-testid=card-requests-value]'); return e && e.innerText.trim() !== previous; }",
            requests24h);
        var requests30d = await page.Locator("[data-testid=card-requests-value]").InnerTextAsync();
        Assert.NotEqual(requests24h, requests30d);
        Assert.Contains("vs previous 30 days", await page.Locator("[data-testid=card-requests]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(session.Errors);

        // The link is shareable: opening it fresh shows the same range.
        await using var shared = await DashboardPageSession.OpenAsync(fixture.Browser);
        await shared.GoToAsync(page.Url);
        Assert.Equal(requests30d, await shared.Page.Locator("[data-testid=card-requests-value]").InnerTextAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Clicking_a_country_filters_the_dashboard_by_it(UsageStorageProvider provider)
    {
        fixture.RequireBrowser();
        var server = await fixture.DemoAsync(provider);
        await using var session = await DashboardPageSession.OpenAsync(fixture.Browser);
        await session.GoToAsync(server.Url("/geography?range=30d"));
        var page = session.Page;
        // The map draws after the data arrived and can shift the layout; a click during that shift misses the row.
        await page.Locator("[data-testid=card-map] svg path.jvm-region").First.WaitForAsync();
        var row = page.Locator("[data-testid=country-table] tbody tr").Nth(1);
        var code = await row.GetAttributeAsync("data-country");

        // On a loaded machine the table can re-render (the map's city data arriving) just as the click lands, and
        // the click is lost: click again until the filter reaches the URL.
        for (var attempt = 0; attempt < 4 && !page.Url.Contains($"country={code}", StringComparison.Ordinal); attempt++)
        {
            await row.ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => url.Contains($"country={code}", StringComparison.Ordinal), new() { Timeout = 10_000 });
            }
            catch (TimeoutException)
            {
                // Not navigated yet: the next attempt clicks again.
            }
        }

        Assert.Contains($"country={code}", page.Url, StringComparison.Ordinal);
        await page.Locator("[data-testid=filter-country]").WaitForAsync();
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Geography_map_draws_every_listed_city_as_a_point_with_a_tooltip()
    {
        fixture.RequireBrowser();
        await using var session = await DashboardPageSession.OpenAsync(fixture.Browser);
        await session.GoToAsync(fixture.Demo.Url("/geography?range=30d"));
        var page = session.Page;
        var markers = page.Locator("[data-testid=card-map] svg circle.jvm-marker");
        await markers.First.WaitForAsync();

        // Every demo city has coordinates, so each row of the city table is one point on the map.
        var cities = await page.Locator("[data-testid=city-table] tbody tr td:first-child").AllInnerTextsAsync();
        Assert.True(cities.Count >= 20, $"{cities.Count} cities");
        Assert.Equal(cities.Count, await markers.CountAsync());
        Assert.Equal("#0d9488", await markers.First.GetAttributeAsync("fill"));

        // The smallest dot is drawn last, on top of the others.
        await markers.Last.HoverAsync();
        var tooltip = page.Locator(".jvm-tooltip.active");
        await tooltip.WaitForAsync();
        var lines = (await tooltip.InnerTextAsync()).Split('\n');
        Assert.Contains(lines[0].Trim(), cities);
        Assert.EndsWith("requests", lines[^1].Trim(), StringComparison.Ordinal);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Geography_map_points_follow_the_country_filter_and_the_dark_theme()
    {
        fixture.RequireBrowser();
        await using var session = await DashboardPageSession.OpenAsync(fixture.Browser, dark: true);
        await session.GoToAsync(fixture.Demo.Url("/geography?range=30d&country=DE"));
        var page = session.Page;
        var markers = page.Locator("[data-testid=card-map] svg circle.jvm-marker");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=card-map] svg circle.jvm-marker').length === 2");

        Assert.Equal(2, await page.Locator("[data-testid=city-table] tbody tr").CountAsync()); // Berlin and Munich
        Assert.Equal("#2dd4bf", await markers.First.GetAttributeAsync("fill"));

        // Argentina's demo visitors have no city: the choropleth is drawn without points and without errors.
        await session.GoToAsync(fixture.Demo.Url("/geography?range=30d&country=AR"));
        await page.Locator("[data-testid=card-map] svg path.jvm-region").First.WaitForAsync();
        Assert.Equal(0, await markers.CountAsync());
        Assert.Empty(session.Errors);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Csv_export_downloads_the_filtered_request_log(UsageStorageProvider provider)
    {
        fixture.RequireBrowser();
        var server = await fixture.DemoAsync(provider);
        await using var session = await DashboardPageSession.OpenAsync(fixture.Browser);
        await session.GoToAsync(server.Url("/requests?range=30d&status=5xx"));
        var page = session.Page;

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export] [data-testid=export-csv]").ClickAsync());

        var path = await download.PathAsync();
        var lines = await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("status", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 2, "the demo month has server errors");
        var statusColumn = Array.IndexOf(lines[0].Split(','), "status");
        Assert.All(lines.Skip(1).Where(l => l.Length > 0).Take(50), l => Assert.StartsWith("5", l.Split(',')[statusColumn], StringComparison.Ordinal));
        Assert.Empty(session.Errors);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_request_row_opens_its_detail_drawer(UsageStorageProvider provider)
    {
        fixture.RequireBrowser();
        var server = await fixture.DemoAsync(provider);
        await using var session = await DashboardPageSession.OpenAsync(fixture.Browser);
        await session.GoToAsync(server.Url("/requests"));
        var page = session.Page;

        await page.Locator("[data-testid=request-table] tbody tr").First.ClickAsync();

        var detail = page.Locator("[data-testid=request-detail]");
        await detail.WaitForAsync();
        var text = await detail.InnerTextAsync();
        Assert.Contains("view_args", text, StringComparison.Ordinal);
        Assert.Contains("ip_info", text, StringComparison.Ordinal);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Theme_toggle_switches_charts_to_dark()
    {
        fixture.RequireBrowser();
        // Theming is client-side only: one provider is enough.
        await using var session = await DashboardPageSession.OpenAsync(fixture.Browser);
        await session.GoToAsync(fixture.Demo.Url("/"));
        var page = session.Page;
        await page.Locator("[data-testid=card-timeseries] .apexcharts-svg").WaitForAsync();

        await page.Locator("[data-testid=theme-toggle]").ClickAsync();

        await page.WaitForFunctionAsync(
            "() => document.querySelector('[data-testid=card-timeseries] .apexcharts-theme-dark') !== null");
        Assert.Empty(session.Errors);
    }
}
