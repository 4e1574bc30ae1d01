namespace UsageDashboard.Tracker.Capture;

/// <summary>The texts a <see cref="RequestLine"/> is stored as: <c>url</c>, <c>request</c> and <c>url_args</c>.</summary>
internal readonly record struct RequestLineText(string Url, string? Request, string UrlArgs);
