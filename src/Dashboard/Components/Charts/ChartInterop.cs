using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace UsageDashboard.Dashboard.Components.Charts;

/// <summary>Calls <c>wwwroot/js/charts.js</c>, imported once per circuit on first use.</summary>
internal sealed class ChartInterop(IJSRuntime js) : IChartInterop, IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    private Task<IJSObjectReference> Module =>
        _module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/charts.js").AsTask();

    public async ValueTask RenderChartAsync(ElementReference element, JsonObject config, CancellationToken cancellationToken = default)
    {
        var module = await Module;
        await module.InvokeVoidAsync("renderChart", cancellationToken, element, config);
    }

    public async ValueTask DestroyChartAsync(ElementReference element)
    {
        try
        {
            var module = await Module;
            await module.InvokeVoidAsync("destroyChart", element);
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone and took the chart with it.
        }
        catch (TaskCanceledException)
        {
            // The circuit is shutting down (the tab closed) and cancels pending calls: nothing is left to destroy.
        }
    }

    public async ValueTask RenderMapAsync<TReceiver>(ElementReference element, MapConfig config, DotNetObjectReference<TReceiver> receiver, CancellationToken cancellationToken = default)
        where TReceiver : class
    {
        var module = await Module;
        await module.InvokeVoidAsync("renderMap", cancellationToken, element, config, receiver);
    }

    public async ValueTask DestroyMapAsync(ElementReference element)
    {
        try
        {
            var module = await Module;
            await module.InvokeVoidAsync("destroyMap", element);
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone and took the map with it.
        }
        catch (TaskCanceledException)
        {
            // The circuit is shutting down (the tab closed) and cancels pending calls: nothing is left to destroy.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
        {
            return;
        }

        try
        {
            var module = await _module;
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
        }
        catch (TaskCanceledException)
        {
        }
        catch (JSException)
        {
        }
    }
}
