using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UsageDashboard.Tracker.Tests.Enrichment.FreeGeoIp;

/// <summary>A freegeoip-style service on real Kestrel at 127.0.0.1 with a random port: good, slow, failing and malformed answers.</summary>
internal sealed class FakeGeoEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeGeoEndpoint(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public ConcurrentDictionary<string, int> Hits { get; } = new();

    public int HitsOn(string mode) => Hits.GetValueOrDefault(mode);

    public static async Task<FakeGeoEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeGeoEndpoint? self = null;

        app.MapGet("/{mode}/{ip}", async (string mode, string ip, HttpContext context) =>
        {
            self!.Hits.AddOrUpdate(mode, 1, (_, n) => n + 1);
            switch (mode)
            {
                case "ok":
                    return Results.Text(
                        $$"""{"status":"success","country":"United States","countryCode":"US","regionName":"California","city":"Mountain View","lat":37.4056,"lon":-122.0775,"query":"{{ip}}"}""",
                        "application/json");
                case "extreme":
                    return Results.Text(
                        $$"""{"businessName":"","city":"Sydney","country":"Australia","countryCode":"AU","lat":"-33.86","lon":"151.20","query":"{{ip}}","region":"New South Wales","status":"success"}""",
                        "application/json");
                case "slow":
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                    return Results.Text("{}", "application/json");
                case "error":
                    return Results.StatusCode(500);
                case "malformed":
                    return Results.Text("{\"country\": \"US\", ", "application/json");
                case "array":
                    return Results.Text("[1, 2, 3]", "application/json");
                case "big":
                    var fields = Enumerable.Range(0, 40).Select(i => $"\"field{i:D2}\":\"{new string('x', 40)}\"");
                    return Results.Text("{\"countryCode\":\"DE\"," + string.Join(",", fields) + "}", "application/json");
                default:
                    return Results.NotFound();
            }
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakeGeoEndpoint(app, address.TrimEnd('/'));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
