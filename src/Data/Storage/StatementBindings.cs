namespace UsageDashboard.Data.Storage;

/// <summary>
/// What each parameter of one prepared statement holds: NULL, a text (kept to compare the next row's with), or another
/// value. A fresh statement holds NULL everywhere.
/// </summary>
internal sealed class StatementBindings
{
    private readonly bool[] _null;
    private readonly string?[] _text;

    /// <param name="parameters">The statement's parameter count (SQLite counts from 1).</param>
    public StatementBindings(int parameters)
    {
        _null = new bool[parameters + 1];
        _text = new string?[parameters + 1];
        Array.Fill(_null, true);
    }

    public bool IsNull(int index) => _null[index];

    public bool Holds(int index, string text) => _text[index] is { } held && string.Equals(held, text, StringComparison.Ordinal);

    public void Set(int index, bool isNull, string? text)
    {
        _null[index] = isNull;
        _text[index] = text;
    }
}
