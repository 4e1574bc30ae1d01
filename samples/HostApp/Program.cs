using HostApp;
using HostApp.Admin;
using HostApp.Shop;

var builder = WebApplication.CreateBuilder(args);

// Everything about tracking comes from the "UsageTracking" section and "ConnectionStrings:Usage"
// (see appsettings.json): the same keys the Dashboard reads, so both can share one database.
// The app also registers its endpoints and obeys the tracking rules admins switch on the Dashboard's Rules page.
builder.Services.AddUsageTracking();

builder.Services.AddSingleton<ProductCatalog>();
builder.Services.AddControllers();
builder.Services.AddRazorPages();
builder.Services.AddHealthChecks();

var app = builder.Build();

// Early in the pipeline, so that the duration covers everything after it and an exception thrown by
// an endpoint is seen (and recorded as 500) before the host's own error handling answers.
app.UseUsageTracking();

app.MapGet("/", () => Results.Text(
    "HostApp: an ordinary ASP.NET Core app that embeds the usage tracker. Try /shop/products, /reports/daily, /privacy.",
    "text/plain"));

app.MapShop();
app.MapAdmin();
app.MapControllers();
app.MapRazorPages();

// Probes are noise in usage data.
app.MapHealthChecks("/health").ExcludeFromUsageTracking();

// Two identical trivial handlers for the load benchmark (bench/load): the only difference is tracking.
app.MapGet("/ping", Ping.Pong);
app.MapGet("/ping-untracked", Ping.Pong).ExcludeFromUsageTracking();

app.Run();

/// <summary>The entry point stays internal: the Dashboard owns the public global <c>Program</c>.</summary>
internal partial class Program;
