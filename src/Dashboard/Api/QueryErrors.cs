namespace UsageDashboard.Dashboard.Api;

/// <summary>Collects bad query parameters so one 400 response names all of them.</summary>
internal sealed class QueryErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string parameter, string message) => _errors[parameter] = [message];

    /// <summary>A 400 problem-details response with an <c>errors</c> entry per parameter.</summary>
    public IResult ToResult() => TypedResults.ValidationProblem(
        _errors,
        detail: $"Invalid query parameter(s): {string.Join(", ", _errors.Keys)}.",
        title: "Bad request parameters");
}
