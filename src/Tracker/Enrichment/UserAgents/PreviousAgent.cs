namespace UsageDashboard.Tracker.Enrichment.UserAgents;

/// <summary>
/// The description of the agent of the record before, kept while a step goes through a batch: most requests come from a
/// handful of browsers, and a client's requests often follow each other, so comparing the header with the one before
/// (the same string object for requests of one connection, else a vectorized compare that stops at the first
/// difference) spares the cache's lock and hash for most records.
/// </summary>
internal struct PreviousAgent(UserAgentParser parser)
{
    private string? _agent;
    private DescribedUserAgent? _described;

    public DescribedUserAgent Describe(string agent)
    {
        if (agent != _agent)
        {
            _described = parser.Describe(agent);
            _agent = agent;
        }

        return _described!;
    }
}
