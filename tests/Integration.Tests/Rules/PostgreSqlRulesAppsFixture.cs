namespace UsageDashboard.Integration.Tests.Rules;

/// <summary>The apps on one database of the throwaway PostgreSQL cluster.</summary>
public sealed class PostgreSqlRulesAppsFixture(TestSupport.PostgresServerFixture server) : RulesAppsFixture
{
    private protected override async Task<(string Provider, string ConnectionString)> CreateDatabaseAsync() =>
        ("PostgreSql", await server.CreateDatabaseAsync("usage_rules"));
}
