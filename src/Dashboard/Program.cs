using UsageDashboard.Data.Rollups;
using UsageDashboard.Dashboard.Api;
using UsageDashboard.Dashboard.Security;
using MudBlazor.Services;
using UsageDashboard.Dashboard.Components;
using UsageDashboard.Dashboard.Services;

// `--demo` (or Dashboard:Demo=true) fills an empty database with a month of realistic traffic.
// The switch is taken out before configuration parsing: a bare `--demo` is not a key=value pair.
var demo = args.Contains("--demo", StringComparer.OrdinalIgnoreCase);
var builder = WebApplication.CreateBuilder(args.Where(a => !string.Equals(a, "--demo", StringComparison.OrdinalIgnoreCase)).ToArray());
if (demo)
{
    builder.Configuration[DashboardOptions.DemoKey] = "true";
}

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddUsageDashboardApi(); // usage database, statistics queries, OpenAPI
builder.Services.AddDashboardServices();
// Sign-in, roles, API keys; demo mode also seeds the documented demo sign-ins.
builder.Services.AddDashboardSecurity(demo: builder.Configuration.GetValue<bool>(DashboardOptions.DemoKey));
if (builder.Configuration.GetValue<bool>(DashboardOptions.DemoKey))
{
    // Seeds before the server starts listening, so the first page already shows the demo month.
    builder.Services.AddUsageDemoData();
}

var app = builder.Build();

// `rollups rebuild [--from <date>] [--to <date>]` recomputes the rollup tables from raw records, then exits.
if (await RollupCommands.TryRunAsync(args, app.Services))
{
    return;
}

app.UseDashboardSecurity();
app.UseAntiforgery();
// Scripts, styles and images are public code; the data behind them is not.
app.MapStaticAssets().AllowAnonymous();
app.MapDashboardSecurity();
app.MapUsageDashboardApi();
app.MapRulesApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, visible to integration tests.</summary>
public partial class Program;
