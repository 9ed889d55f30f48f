using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Site.Resources;
using Microsoft.Extensions.Localization;

namespace CommitmentTracker.Site.UI;

public static class Charts
{
    /// <summary>A stats row's self-reported completion distribution as bar segments.</summary>
    public static IReadOnlyList<ChartSegment> Completion(CommitmentStatsRow row, IStringLocalizer<SiteText> l) =>
        row.Completion.Select(c => new ChartSegment(c.Completion.ToString(), l[$"Completion.{c.Completion}"], c.Count)).ToList();
}

/// <summary>The GraphQL queries that give a chart its numbers, shown under it so a dashboard builder can reproduce it.</summary>
public static class Queries
{
    public static string Stats(string groupBy, string? filter) => $$"""
        query {
          commitmentStats(groupBy: {{groupBy}}{{(string.IsNullOrEmpty(filter) ? "" : $", filter: {{ {filter} }}")}}) {
            key count overdue starred meanProgress
            completion { completion count }
          }
        }
        """;

    public static string Gap(string? filter) => $$"""
        query {
          commitments(first: 200{{(string.IsNullOrEmpty(filter) ? "" : $", filter: {{ {filter} }}")}}) {
            totalCount
            items { id completion assessments { irm { completion } cso { organisation completion } } }
          }
        }
        """;
}
