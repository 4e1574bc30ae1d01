namespace UsageDashboard.Tracker.Enrichment.UserAgents;

/// <summary>
/// The description of the agent of the record before, kept while a step goes through a batch: a client's requests often
/// follow each other, and the server hands every request of a connection the same header string, so a reference
/// comparison spares the cache's lock and hash for most records.
/// </summary>
internal struct PreviousAgent(UserAgentParser parser)
{
    private string? _agent;
    private DescribedUserAgent? _described;

    public DescribedUserAgent Describe(string agent)
    {
        if (!ReferenceEquals(agent, _agent))
        {
            _described = parser.Describe(agent);
            _agent = agent;
        }

        return _described!;
    }
}
