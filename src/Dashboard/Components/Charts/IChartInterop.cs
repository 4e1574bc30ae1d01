using Microsoft.AspNetCore.Components;
using System.Text.Json.Nodes;
using Microsoft.JSInterop;

namespace UsageDashboard.Dashboard.Components.Charts;

/// <summary>
/// The JavaScript side of charts and the world map, behind an interface so components stay testable
/// (the pattern MudBlazor uses for its own interop).
/// </summary>
public interface IChartInterop
{
    /// <summary>Draws a chart into <paramref name="element"/>, or updates the one already there.</summary>
    ValueTask RenderChartAsync(ElementReference element, JsonObject config, CancellationToken cancellationToken = default);

    /// <summary>Destroys the chart in <paramref name="element"/>, if any.</summary>
    ValueTask DestroyChartAsync(ElementReference element);

    /// <summary>Draws (or redraws) the world map with one value per ISO 3166-1 alpha-2 country code.</summary>
    ValueTask RenderMapAsync<TReceiver>(ElementReference element, MapConfig config, DotNetObjectReference<TReceiver> receiver, CancellationToken cancellationToken = default)
        where TReceiver : class;

    /// <summary>Destroys the map in <paramref name="element"/>, if any.</summary>
    ValueTask DestroyMapAsync(ElementReference element);
}
