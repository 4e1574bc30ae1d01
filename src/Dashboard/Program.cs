using UsageDashboard.Dashboard.Api;
using UsageDashboard.Dashboard.Security;
using MudBlazor.Services;
using UsageDashboard.Dashboard.Components;
using UsageDashboard.Dashboard.Components.Charts;
using UsageDashboard.Dashboard.Services;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddScoped<IChartInterop, ChartInterop>();
builder.Services.AddScoped<DisplayTimeZone>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddDashboardSecurity(demo: args.Contains("--demo"));

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseDashboardSecurity();
app.UseAntiforgery();
// Scripts, styles and images are public code; the data behind them is not.
app.MapStaticAssets().AllowAnonymous();
app.MapDashboardSecurity();
app.MapRulesApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, visible to integration tests.</summary>
public partial class Program;
