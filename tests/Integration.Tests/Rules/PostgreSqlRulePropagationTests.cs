namespace UsageDashboard.Integration.Tests.Rules;

public sealed class PostgreSqlRulePropagationTests(PostgreSqlRulesAppsFixture apps) : RulePropagationTests(apps), IClassFixture<PostgreSqlRulesAppsFixture>;
