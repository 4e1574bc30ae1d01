namespace UsageDashboard.Integration.Tests.Rules;

public sealed class SqliteRulePropagationTests(SqliteRulesAppsFixture apps) : RulePropagationTests(apps), IClassFixture<SqliteRulesAppsFixture>;
