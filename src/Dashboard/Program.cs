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
if (builder.Configuration.GetValue<bool>(DashboardOptions.DemoKey))
{
    // Seeds before the server starts listening, so the first page already shows the demo month.
    builder.Services.AddUsageDemoData();
}

var app = builder.Build();

app.UseAntiforgery();
app.MapStaticAssets();
app.MapUsageDashboardApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, visible to integration tests.</summary>
public partial class Program;
