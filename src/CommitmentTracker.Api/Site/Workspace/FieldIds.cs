using System.Text.RegularExpressions;

namespace CommitmentTracker.Site.Workspace;

/// <summary>The element id of a field named as the API names it: <c>evidence[0].url</c> is <c>evidence-0-url</c>.</summary>
public static partial class FieldIds
{
    public static string Of(string name) => NotWord().Replace(name, "-").Trim('-');

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NotWord();
}
