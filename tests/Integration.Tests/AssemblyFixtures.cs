using UsageDashboard.TestSupport;

[assembly: AssemblyFixture(typeof(PostgresServerFixture))]
