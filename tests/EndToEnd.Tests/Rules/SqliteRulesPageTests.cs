using UsageDashboard.EndToEnd.Tests.Support;

namespace UsageDashboard.EndToEnd.Tests.Rules;

/// <summary>The Rules page over SQLite.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SqliteRulesPageTests(SqliteRulesBrowserFixture apps) : RulesPageTests(apps), IClassFixture<SqliteRulesBrowserFixture>;
