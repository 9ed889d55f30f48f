namespace CommitmentTracker.Site.UI;

/// <summary>One segment of a stacked bar: a value of the scale, its words and how many.</summary>
public sealed record ChartSegment(string Key, string Label, int Count);

/// <summary>One bar of a chart: its label (linked when it has a page) and its segments.</summary>
public sealed record ChartRow(string Label, string? Href, IReadOnlyList<ChartSegment> Segments)
{
    public int Total => Segments.Sum(s => s.Count);
}
