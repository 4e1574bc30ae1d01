using Microsoft.Extensions.Options;

namespace UsageDashboard.Dashboard.Security;

/// <summary>
/// Creates the first admin at startup from <c>Dashboard:Admin:UserName</c> / <c>Dashboard:Admin:Password</c>
/// when no user of that name exists, and in demo mode seeds the documented demo sign-ins into a
/// database without users. Runs after the database migrations (registered after them).
/// </summary>
internal sealed partial class FirstUserSeeder(
    DashboardUserService users,
    IOptions<DashboardSecurityOptions> options,
    DemoModeFlag demo,
    ILogger<FirstUserSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value.Admin;
        if (!string.IsNullOrWhiteSpace(admin.UserName))
        {
            var result = await users.CreateAsync(admin.UserName, admin.Password ?? "", DashboardRoles.Admin, cancellationToken);
            if (result.Succeeded)
            {
                LogAdminCreated(logger, admin.UserName);
            }
            else if (!result.Error!.Contains("already exists", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Dashboard:Admin cannot be created: {result.Error}");
            }
        }

        if (demo.Enabled)
        {
            if (!await users.AnyUserAsync(cancellationToken))
            {
                await users.CreateAsync(DemoCredentials.AdminUserName, DemoCredentials.AdminPassword, DashboardRoles.Admin, cancellationToken);
                await users.CreateAsync(DemoCredentials.ViewerUserName, DemoCredentials.ViewerPassword, DashboardRoles.Viewer, cancellationToken);
            }

            LogDemoSignIn(logger, DemoCredentials.AdminUserName, DemoCredentials.AdminPassword,
                DemoCredentials.ViewerUserName, DemoCredentials.ViewerPassword);
        }
        else if (!await users.AnyUserAsync(cancellationToken))
        {
            LogSetupNeeded(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Information, "Created the dashboard admin '{UserName}' from configuration.")]
    private static partial void LogAdminCreated(ILogger logger, string userName);

    [LoggerMessage(2, LogLevel.Warning, "Demo mode: sign in as {Admin} / {AdminPassword} (admin) or {Viewer} / {ViewerPassword} (read-only).")]
    private static partial void LogDemoSignIn(ILogger logger, string admin, string adminPassword, string viewer, string viewerPassword);

    [LoggerMessage(3, LogLevel.Warning, "No dashboard user exists yet: open /setup in a browser to create the first admin, or set Dashboard:Admin:UserName and Dashboard:Admin:Password.")]
    private static partial void LogSetupNeeded(ILogger logger);
}
