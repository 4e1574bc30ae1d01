using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace UsageDashboard.EndToEnd.Tests.Support;

/// <summary>A fresh browser context and page that records console errors and uncaught exceptions.</summary>
public sealed class DashboardPageSession : IAsyncDisposable
{
    /// <summary>The sign-in cookies per dashboard origin: one sign-in per dashboard, not one per test.</summary>
    private static readonly ConcurrentDictionary<string, Cookie[]> SignedIn = new(StringComparer.Ordinal);

    private readonly IBrowserContext _context;

    private DashboardPageSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (Errors)
                {
                    Errors.Add($"console: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (Errors)
            {
                Errors.Add($"page error: {error}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions so far.</summary>
    public List<string> Errors { get; } = [];

    public static async Task<DashboardPageSession> OpenAsync(IBrowser browser, bool dark = false, int width = 1440, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
            TimezoneId = "Europe/Berlin",
            AcceptDownloads = true,
        });
        await context.AddInitScriptAsync($"try {{ localStorage.setItem('usage-dashboard-theme', '{(dark ? "dark" : "light")}'); }} catch {{}}");
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return new DashboardPageSession(context, page);
    }

    /// <summary>
    /// Opens <paramref name="url"/> and waits until the Blazor circuit is up (the filter bar only renders
    /// interactively) and every card finished loading; clicks before that would be lost.
    /// </summary>
    public async Task GoToAsync(string url)
    {
        var origin = new Uri(url).GetLeftPart(UriPartial.Authority);
        if (SignedIn.TryGetValue(origin, out var cookies))
        {
            await _context.AddCookiesAsync(cookies);
        }

        await Page.GotoAsync(url);
        await SignInIfAskedAsync(origin);
        await WaitForDashboardAsync();
    }

    /// <summary>Every page requires sign-in: the first visit of a session lands on the sign-in form and returns after it.</summary>
    private async Task SignInIfAskedAsync(string origin)
    {
        if (!Page.Url.Contains("/account/login", StringComparison.Ordinal))
        {
            return;
        }

        await Page.FillAsync("#username", DashboardServer.AdminName);
        await Page.FillAsync("#password", DashboardServer.AdminPassword);
        await Page.ClickAsync("[data-testid='login-submit']");
        await Page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        SignedIn[origin] = [.. (await _context.CookiesAsync(origin)).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires,
            HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        })];
    }

    public async Task WaitForDashboardAsync()
    {
        await Page.Locator("[data-testid=filter-bar]").WaitForAsync();
        await Page.WaitForFunctionAsync("() => document.querySelectorAll('.mud-skeleton').length === 0");
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
