namespace UsageDashboard.Integration.Tests.SharedDatabase;

/// <summary>One database both apps are pointed at: the provider name and its connection string.</summary>
internal sealed record UsageDatabase(string Provider, string ConnectionString);
