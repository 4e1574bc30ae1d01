namespace UsageDashboard.Data.Rollups;

/// <summary>What a summary is keyed by: the original's summary tables (<c>get_sum</c>'s <c>sumterm</c>).</summary>
public enum SummaryKind
{
    /// <summary>Request path (the original's <c>url</c>).</summary>
    Url,

    /// <summary>Client address (<c>remote</c>).</summary>
    Remote,

    /// <summary>Browser family (<c>useragent</c>).</summary>
    UserAgent,

    /// <summary>Preferred language (<c>language</c>).</summary>
    Language,

    /// <summary>Application, <c>server_name</c> (<c>server</c>).</summary>
    Server,

    /// <summary>Visitor id (<c>visitor</c>); per day and month only.</summary>
    Visitor,

    /// <summary>Country code (<c>geo</c>); empty key when unknown.</summary>
    Geo,
}
