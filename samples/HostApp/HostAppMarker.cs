namespace HostApp;

/// <summary>
/// Names this assembly for <c>WebApplicationFactory&lt;HostAppMarker&gt;</c>. The entry point itself is
/// internal so that it does not clash with the Dashboard's public <c>Program</c> in test projects that
/// reference both apps.
/// </summary>
public sealed class HostAppMarker
{
    private HostAppMarker()
    {
    }
}
