using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using UsageDashboard.Dashboard.Components.Charts;
using UsageDashboard.Dashboard.Services;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Tests.Support;

/// <summary>bUnit context with MudBlazor, a fake statistics service, recorded chart interop and a fixed clock.</summary>
public abstract class DashboardTestContext : BunitContext
{
    internal FakeUsageStatistics Stats { get; } = new();
    internal RecordingChartInterop Charts { get; } = new();
    internal FakeTimeProvider Clock { get; } = new(new DateTimeOffset(SampleData.Now));

    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        JSInterop.SetupModule("./js/app.js").Setup<string?>("getTimeZone").SetResult("Europe/Berlin");
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton<IUsageStatistics>(Stats);
        Services.AddSingleton<IChartInterop>(Charts);
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddScoped<DisplayTimeZone>();
    }

    internal NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>Navigates to <paramref name="uri"/> (relative) before rendering, as a shared link would.</summary>
    internal void GoTo(string uri) => Navigation.NavigateTo(uri);
}
