using UsageDashboard.EndToEnd.Tests.Support;

namespace UsageDashboard.EndToEnd.Tests.Rules;

/// <summary>The Rules page over PostgreSQL (fails, not skips, under CI when no server is available).</summary>
[Collection(BrowserCollection.Name)]
public sealed class PostgreSqlRulesPageTests(PostgreSqlRulesBrowserFixture apps) : RulesPageTests(apps), IClassFixture<PostgreSqlRulesBrowserFixture>;
