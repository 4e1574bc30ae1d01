using Microsoft.Extensions.Hosting;

namespace UsageDashboard.Dashboard.Demo;

/// <summary>
/// Seeds demo data at startup. Registered after the database migrator, and hosted services start in
/// registration order, so the schema exists when it runs; the host starts serving only after the data is in.
/// </summary>
internal sealed class DemoDataHostedService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        DemoDataSeeder.SeedIfEmptyAsync(services, cancellationToken: cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
