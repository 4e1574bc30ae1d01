using UsageDashboard.Data;
using UsageDashboard.EndToEnd.Tests.Support;

namespace UsageDashboard.EndToEnd.Tests.Rules;

/// <summary>HostApp and the Dashboard on one database in the browser tests' throwaway PostgreSQL cluster.</summary>
public sealed class PostgreSqlRulesBrowserFixture(BrowserFixture browser) : RulesBrowserFixture(browser, UsageStorageProvider.PostgreSql);
