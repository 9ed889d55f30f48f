namespace CommitmentTracker.Domain;

/// <summary>Collects field-level errors, then throws them all at once as one 400.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        // A rule checked twice (an import row's date, up front and at its step) says it once.
        if (!list.Contains(message)) list.Add(message);
        return this;
    }

    public FieldErrors Required(string field, object? value) =>
        value is null || value is string s && string.IsNullOrWhiteSpace(s) ? Add(field, "is required.") : this;

    public FieldErrors MaxLength(string field, string? value, int max) =>
        value is { Length: var n } && n > max ? Add(field, $"must be at most {max} characters.") : this;

    /// <summary>Query binding takes any number for an enum ("?kind=5"); only the scale's own values are valid.</summary>
    public FieldErrors Defined<T>(string field, T? value) where T : struct, Enum =>
        value is { } v && !Enum.IsDefined(v) ? Add(field, $"'{v}' is not a valid value.") : this;

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationFailed(ToDictionary());
    }

    /// <summary>The collected fields as a 409: valid input that conflicts with what is stored.</summary>
    public RuleConflict AsConflict(string message) => new(message, ToDictionary());

    private Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
