using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using UsageDashboard.Dashboard.Components.Pages.Account;

namespace UsageDashboard.Dashboard.Security;

/// <summary>
/// The signed-out screens as plain HTML forms: sign-in, the one-time setup, sign-out and access denied.
/// The form posts are antiforgery-checked (form-bound minimal APIs) and rate-limited per client address;
/// sign-in is also limited per user name.
/// </summary>
internal static class DashboardSecurityEndpoints
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string DeniedPath = "/account/denied";
    public const string SetupPath = "/setup";

    public static IEndpointRouteBuilder MapDashboardSecurity(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LoginPath, LoginPageAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(LoginPath, LoginAsync).AllowAnonymous().RequireRateLimiting(DashboardRoles.LoginRateLimit).ExcludeFromDescription();
        endpoints.MapGet(SetupPath, SetupPageAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(SetupPath, SetupAsync).AllowAnonymous().RequireRateLimiting(DashboardRoles.LoginRateLimit).ExcludeFromDescription();
        endpoints.MapGet(LogoutPath, (HttpContext ctx, IAntiforgery antiforgery) => new RazorComponentResult<SignOut>(new
        {
            Antiforgery = antiforgery.GetAndStoreTokens(ctx),
            UserName = ctx.User.Identity?.Name,
        })).ExcludeFromDescription();
        endpoints.MapPost(LogoutPath, LogoutAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(DeniedPath, (HttpContext ctx) => new RazorComponentResult<AccessDenied>(new { UserName = ctx.User.Identity?.Name })
        {
            StatusCode = StatusCodes.Status403Forbidden,
        }).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> LoginPageAsync(HttpContext ctx, IAntiforgery antiforgery, DashboardUserService users,
        string? returnUrl)
    {
        if (!await users.AnyUserAsync(ctx.RequestAborted))
        {
            return Results.Redirect(SetupPath);
        }

        return RenderLogin(ctx, antiforgery, returnUrl, null, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> LoginAsync(HttpContext ctx, IAntiforgery antiforgery, DashboardUserService users,
        LoginThrottle throttle, [FromForm] LoginForm form)
    {
        var userName = form.UserName?.Trim() ?? "";
        if (userName.Length == 0 || string.IsNullOrEmpty(form.Password))
        {
            return RenderLogin(ctx, antiforgery, form.ReturnUrl, userName, "Enter your user name and password.", StatusCodes.Status400BadRequest);
        }

        if (!throttle.TryAttempt(userName))
        {
            return RenderLogin(ctx, antiforgery, form.ReturnUrl, userName, "Too many attempts for this user. Wait a minute and try again.",
                StatusCodes.Status429TooManyRequests);
        }

        var user = await users.VerifyAsync(userName, form.Password, ctx.RequestAborted);
        if (user is null)
        {
            return RenderLogin(ctx, antiforgery, form.ReturnUrl, userName, "Wrong user name or password.", StatusCodes.Status401Unauthorized);
        }

        await ctx.SignInAsync(DashboardRoles.CookieScheme, DashboardPrincipal.Create(user));
        return Results.LocalRedirect(SafeReturnUrl(form.ReturnUrl));
    }

    private static async Task<IResult> SetupPageAsync(HttpContext ctx, IAntiforgery antiforgery, DashboardUserService users)
    {
        if (await users.AnyUserAsync(ctx.RequestAborted))
        {
            return Results.Redirect(LoginPath);
        }

        return RenderSetup(ctx, antiforgery, null, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SetupAsync(HttpContext ctx, IAntiforgery antiforgery, DashboardUserService users,
        [FromForm] SetupForm form)
    {
        if (await users.AnyUserAsync(ctx.RequestAborted))
        {
            return Results.Redirect(LoginPath);
        }

        if (!string.Equals(form.Password, form.ConfirmPassword, StringComparison.Ordinal))
        {
            return RenderSetup(ctx, antiforgery, form.UserName, "The two passwords differ.", StatusCodes.Status400BadRequest);
        }

        var result = await users.CreateFirstAdminAsync(form.UserName ?? "", form.Password ?? "", ctx.RequestAborted);
        if (!result.Succeeded)
        {
            return RenderSetup(ctx, antiforgery, form.UserName, result.Error, StatusCodes.Status400BadRequest);
        }

        await ctx.SignInAsync(DashboardRoles.CookieScheme, DashboardPrincipal.Create(result.User!));
        return Results.LocalRedirect("/");
    }

    private static async Task<IResult> LogoutAsync(HttpContext ctx, IAntiforgery antiforgery)
    {
        // No form fields to bind, so the token is checked here rather than by form binding.
        if (!await antiforgery.IsRequestValidAsync(ctx))
        {
            return Results.BadRequest();
        }

        await ctx.SignOutAsync(DashboardRoles.CookieScheme);
        return Results.LocalRedirect(LoginPath);
    }

    private static RazorComponentResult<Login> RenderLogin(HttpContext ctx, IAntiforgery antiforgery, string? returnUrl, string? userName,
        string? error, int status) => new(new
        {
            Antiforgery = antiforgery.GetAndStoreTokens(ctx),
            ReturnUrl = SafeReturnUrl(returnUrl),
            UserName = userName,
            Error = error,
        })
        {
            StatusCode = status,
        };

    private static RazorComponentResult<Setup> RenderSetup(HttpContext ctx, IAntiforgery antiforgery, string? userName, string? error,
        int status) => new(new
        {
            Antiforgery = antiforgery.GetAndStoreTokens(ctx),
            UserName = userName,
            Error = error,
            MinPasswordLength = DashboardUserService.MinPasswordLength,
        })
        {
            StatusCode = status,
        };

    /// <summary>Only a local path may follow sign-in: anything else would make the form an open redirect.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            ? returnUrl
            : "/";

    internal sealed record LoginForm(string? UserName, string? Password, string? ReturnUrl);

    internal sealed record SetupForm(string? UserName, string? Password, string? ConfirmPassword);
}
