using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using UsageDashboard.Dashboard.Components.Charts;

namespace UsageDashboard.Dashboard.Tests.Support;

/// <summary>Records what components ask the JavaScript side to draw.</summary>
internal sealed class RecordingChartInterop : IChartInterop
{
    public List<JsonObject> Charts { get; } = [];
    public List<MapConfig> Maps { get; } = [];
    public int DestroyedCharts { get; private set; }
    public int DestroyedMaps { get; private set; }

    public ValueTask RenderChartAsync(ElementReference element, JsonObject config, CancellationToken cancellationToken = default)
    {
        Charts.Add(config);
        return ValueTask.CompletedTask;
    }

    public ValueTask DestroyChartAsync(ElementReference element)
    {
        DestroyedCharts++;
        return ValueTask.CompletedTask;
    }

    public ValueTask RenderMapAsync<TReceiver>(ElementReference element, MapConfig config, DotNetObjectReference<TReceiver> receiver, CancellationToken cancellationToken = default)
        where TReceiver : class
    {
        Maps.Add(config);
        return ValueTask.CompletedTask;
    }

    public ValueTask DestroyMapAsync(ElementReference element)
    {
        DestroyedMaps++;
        return ValueTask.CompletedTask;
    }
}
