using System.Globalization;

namespace CommitmentTracker.Site.UI;

/// <summary>Dates and times in the UI culture.</summary>
public static class Dates
{
    public static string Show(DateOnly d) => d.ToString("d", CultureInfo.CurrentCulture);

    public static string Show(DateTimeOffset at) => at.UtcDateTime.ToString("g", CultureInfo.CurrentCulture) + " UTC";

    /// <summary>The ISO form for datetime attributes and URLs.</summary>
    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Number(double n) => n.ToString("N0", CultureInfo.CurrentCulture);
}
