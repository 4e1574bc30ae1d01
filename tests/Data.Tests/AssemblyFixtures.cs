using UsageDashboard.TestSupport;

// One throwaway PostgreSQL cluster for the whole assembly, started on first use.
[assembly: AssemblyFixture(typeof(PostgresServerFixture))]
