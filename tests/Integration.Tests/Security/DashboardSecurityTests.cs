using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Data;
using UsageDashboard.Data.Security;

namespace UsageDashboard.Integration.Tests.Security;

public sealed class DashboardSecurityTests(SecuredDashboardFixture dashboard) : IClassFixture<SecuredDashboardFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] AnonymousPaths = ["/account/login", "/account/logout", "/setup"];

    private HttpClient NewClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = dashboard.BaseAddress };

    [Fact]
    public async Task Every_page_and_api_without_authentication_gets_the_sign_in_page_or_401()
    {
        var endpoints = dashboard.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var open = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).ToList();
        // Only the signed-out screens and static files are open.
        Assert.All(open.Where(e => !IsStaticAsset(e)),
            e => Assert.Contains("/" + e.RoutePattern.RawText!.TrimStart('/'), AnonymousPaths));

        var guarded = endpoints.Except(open).ToList();
        Assert.Contains(guarded, e => e.RoutePattern.RawText == "/rules");
        Assert.Contains(guarded, e => e.RoutePattern.RawText == "/users");
        Assert.Contains(guarded, e => e.RoutePattern.RawText!.StartsWith("/api/rules", StringComparison.Ordinal));

        using var client = NewClient();
        foreach (var endpoint in guarded)
        {
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(s =>
                string.Concat(s.Parts.Select(p => p switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart sep => sep.Content,
                    _ => "1",
                }))));
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods[0] : "GET";
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT")
            {
                request.Content = JsonContent.Create(new { tracking = "exclude" });
            }

            using var response = await client.SendAsync(request, Ct);
            if (path.StartsWith("/api", StringComparison.Ordinal))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {path} answered {(int)response.StatusCode}");
                Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
        }
    }

    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Namespace == "Microsoft.AspNetCore.StaticAssets")
        || (endpoint.RoutePattern.RawText ?? "").Contains('.', StringComparison.Ordinal);

    [Fact]
    public async Task Unknown_api_key_gets_401_and_known_keys_read()
    {
        using var client = NewClient();
        using var unknown = new HttpRequestMessage(HttpMethod.Get, "/api/rules") { Headers = { { "X-Api-Key", "guess" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(unknown, Ct)).StatusCode);

        foreach (var key in new[] { SecuredDashboardFixture.ReadKey, SecuredDashboardFixture.AdminKey })
        {
            using var known = new HttpRequestMessage(HttpMethod.Get, "/api/rules") { Headers = { { "X-Api-Key", key } } };
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(known, Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task Read_only_key_changing_a_rule_gets_403_and_admin_key_gets_through()
    {
        using var client = NewClient();
        using var read = new HttpRequestMessage(HttpMethod.Put, "/api/rules/app/groups/shop")
        {
            Headers = { { "X-Api-Key", SecuredDashboardFixture.ReadKey } },
            Content = JsonContent.Create(new { tracking = "exclude" }),
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(read, Ct)).StatusCode);

        // No antiforgery token needed with a key: an API key is not an ambient browser credential.
        using var admin = new HttpRequestMessage(HttpMethod.Put, "/api/rules/app/groups/shop")
        {
            Headers = { { "X-Api-Key", SecuredDashboardFixture.AdminKey } },
            Content = JsonContent.Create(new { tracking = "exclude" }),
        };
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(admin, Ct)).StatusCode);
    }

    [Fact]
    public async Task Admin_signs_in_with_the_configured_password_and_a_wrong_one_fails()
    {
        using var session = new DashboardSignIn(dashboard.BaseAddress);

        using var wrong = await session.SignInAsync(SecuredDashboardFixture.AdminName, "not the password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("Wrong user name or password", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/rules", Ct)).StatusCode);

        using var right = await session.SignInAsync(SecuredDashboardFixture.AdminName, SecuredDashboardFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/api/rules", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/users", Ct)).StatusCode);
    }

    [Fact]
    public async Task Passwords_are_stored_only_as_salted_hashes()
    {
        var contexts = dashboard.Factory.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        var users = await db.Set<DashboardUser>().ToListAsync(Ct);

        var admin = users.Single(u => u.UserName == SecuredDashboardFixture.AdminName);
        Assert.DoesNotContain(SecuredDashboardFixture.AdminPassword, admin.PasswordHash, StringComparison.Ordinal);
        // Identity's v3 format: a version byte, PBKDF2 parameters, salt and subkey, base64.
        Assert.Equal(0x01, Convert.FromBase64String(admin.PasswordHash)[0]);
        Assert.Equal(2, users.Select(u => u.PasswordHash).Distinct().Count());
    }

    [Fact]
    public async Task Sign_in_form_without_antiforgery_token_is_refused()
    {
        using var client = NewClient();
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = SecuredDashboardFixture.AdminName,
            ["Password"] = SecuredDashboardFixture.AdminPassword,
        }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(c => c.StartsWith(".UsageDashboard.Auth", StringComparison.Ordinal))
            : []);
    }

    [Fact]
    public async Task Rule_change_with_the_sign_in_cookie_needs_a_valid_antiforgery_token()
    {
        using var session = new DashboardSignIn(dashboard.BaseAddress);
        await session.SignInOrThrowAsync(SecuredDashboardFixture.AdminName, SecuredDashboardFixture.AdminPassword);

        using var missing = await session.Client.PutAsJsonAsync("/api/rules/app/groups/shop", new { tracking = "exclude" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        using var forged = new HttpRequestMessage(HttpMethod.Put, "/api/rules/app/groups/shop")
        {
            Headers = { { "RequestVerificationToken", "forged-token" } },
            Content = JsonContent.Create(new { tracking = "exclude" }),
        };
        Assert.Equal(HttpStatusCode.BadRequest, (await session.Client.SendAsync(forged, Ct)).StatusCode);

        using var valid = new HttpRequestMessage(HttpMethod.Put, "/api/rules/app/groups/shop")
        {
            Headers = { { "RequestVerificationToken", await session.ApiTokenAsync() } },
            Content = JsonContent.Create(new { tracking = "exclude" }),
        };
        // Past authentication and antiforgery: the (unknown) group is looked up.
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.SendAsync(valid, Ct)).StatusCode);
    }

    [Fact]
    public async Task Viewer_may_read_but_not_change_rules_nor_open_users()
    {
        using var session = new DashboardSignIn(dashboard.BaseAddress);
        await session.SignInOrThrowAsync(SecuredDashboardFixture.ViewerName, SecuredDashboardFixture.ViewerPassword);

        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/api/rules", Ct)).StatusCode);
        using var change = new HttpRequestMessage(HttpMethod.Put, "/api/rules/app/groups/shop")
        {
            Headers = { { "RequestVerificationToken", await session.ApiTokenAsync() } },
            Content = JsonContent.Create(new { tracking = "exclude" }),
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await session.Client.SendAsync(change, Ct)).StatusCode);

        using var users = await session.Client.GetAsync("/users", Ct);
        Assert.Equal(HttpStatusCode.Redirect, users.StatusCode);
        Assert.StartsWith("/account/denied", users.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_for_one_user_name_are_rate_limited()
    {
        using var session = new DashboardSignIn(dashboard.BaseAddress);
        var token = await session.FormTokenAsync("/account/login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await session.SignInAsync("nobody-" + nameof(Sign_in_attempts_for_one_user_name_are_rate_limited), "wrong", token);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), statuses.Take(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
    }

    [Fact]
    public async Task Open_redirects_after_sign_in_are_refused()
    {
        using var session = new DashboardSignIn(dashboard.BaseAddress);
        var token = await session.FormTokenAsync("/account/login");
        using var response = await session.Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["UserName"] = SecuredDashboardFixture.AdminName,
            ["Password"] = SecuredDashboardFixture.AdminPassword,
            ["ReturnUrl"] = "//evil.example/",
        }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}
