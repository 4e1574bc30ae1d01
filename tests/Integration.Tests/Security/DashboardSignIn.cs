using System.Net;
using System.Text.RegularExpressions;

namespace UsageDashboard.Integration.Tests.Security;

/// <summary>
/// A cookie-keeping client of the Dashboard that signs in through the real sign-in form, and reads the
/// antiforgery token a signed-in page hands out. Other tests needing a signed-in session use it too.
/// </summary>
public sealed partial class DashboardSignIn : IDisposable
{
    private readonly HttpClientHandler _handler = new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };

    public DashboardSignIn(Uri baseAddress)
    {
        Client = new HttpClient(_handler) { BaseAddress = baseAddress };
    }

    /// <summary>The client; it keeps the sign-in and antiforgery cookies and never follows redirects.</summary>
    public HttpClient Client { get; }

    /// <summary>Reads the antiforgery form token from a page's form.</summary>
    public async Task<string> FormTokenAsync(string path)
    {
        var html = await Client.GetStringAsync(path);
        var match = TokenInput().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"{path} has no antiforgery token");
    }

    /// <summary>Posts the sign-in form; returns the response (302 to the return URL on success).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password, string? token = null)
    {
        token ??= await FormTokenAsync("/account/login");
        return await Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["UserName"] = userName,
            ["Password"] = password,
            ["ReturnUrl"] = "/",
        }));
    }

    /// <summary>Signs in and fails when the form does not redirect.</summary>
    public async Task SignInOrThrowAsync(string userName, string password)
    {
        using var response = await SignInAsync(userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"signing in as {userName} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>An antiforgery token for API calls made with this session (header <c>RequestVerificationToken</c>).</summary>
    public Task<string> ApiTokenAsync() => FormTokenAsync("/account/logout");

    public void Dispose()
    {
        Client.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
