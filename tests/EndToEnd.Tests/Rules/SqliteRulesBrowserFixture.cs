using UsageDashboard.Data;
using UsageDashboard.EndToEnd.Tests.Support;

namespace UsageDashboard.EndToEnd.Tests.Rules;

/// <summary>HostApp and the Dashboard on one SQLite file.</summary>
public sealed class SqliteRulesBrowserFixture(BrowserFixture browser) : RulesBrowserFixture(browser, UsageStorageProvider.Sqlite);
