using CommitmentTracker.Features.Commitments;

namespace CommitmentTracker.Site.Reads;

/// <summary>
/// What each page reads: one small adapter per page over the read services REST and GraphQL use (CommitmentReads,
/// MemberReads, ActionPlanReads, the stats cache), in-process, never the API over HTTP. The views only the site shows
/// (the completion gap, the latest changes) are read services of their own here.
/// </summary>
public static class SiteReads
{
    public static IServiceCollection AddSiteReads(this IServiceCollection services)
    {
        services.AddSingleton<CompletionGapCache>();
        return services.AddScoped<LatestChanges>().AddScoped<HomeRead>().AddScoped<MemberRead>().AddScoped<PlanRead>()
            .AddScoped<CommitmentRead>().AddScoped<SearchRead>().AddScoped<DashboardRead>().AddScoped<Workspace.WorkspaceRead>();
    }

    /// <summary>The languages content is asked in: the UI language alone (the API's fallback rule does the rest).</summary>
    public static IReadOnlyList<string> Lang => [SiteLanguages.Current];
}

/// <summary>A content text as shown: in the UI language when it has one, else in its fallback language, marked as such.</summary>
public sealed record Shown(string Text, string Lang, bool Fallback)
{
    public static Shown? Of(IReadOnlyDictionary<string, string>? text, string defaultLanguage)
    {
        var ui = SiteLanguages.Current;
        return Infrastructure.Localization.LocalizedText.ResolveWithLanguage(text, [ui], defaultLanguage) is { } r
            ? new Shown(r.Text, r.Language, !string.Equals(r.Language.Split('-')[0], ui, StringComparison.OrdinalIgnoreCase))
            : null;
    }
}

/// <summary>The list filters as a page receives them: raw query strings, parsed here so a bad value is a message beside its field.</summary>
public sealed record FilterInput(string? Member, string? Plan, string? PolicyArea, string? OgpValue, string? Completion, string? IrmCompletion, string? Overdue, string? Q)
{
    public (CommitmentFilter Filter, Dictionary<string, string> Errors) Parse()
    {
        var errors = new Dictionary<string, string>();
        T? Enum<T>(string field, string? value) where T : struct, System.Enum
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (System.Enum.TryParse<T>(value, true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _)) return parsed;
            errors[field] = "Field.UnknownValue";
            return null;
        }
        bool? overdue = Overdue switch { null or "" => null, "true" => true, "false" => false, _ => null };
        if (Overdue is not (null or "" or "true" or "false")) errors["overdue"] = "Field.UnknownValue";
        var q = Q?.Trim();
        if (q is { Length: > 200 }) { errors["q"] = "Field.TooLong"; q = null; }
        var filter = new CommitmentFilter(Blank(Member), Blank(Plan), Enum<Features.Commitments.PolicyArea>("policyArea", PolicyArea),
            Enum<Features.Commitments.OgpValue>("ogpValue", OgpValue), Enum<Features.Commitments.Completion>("completion", Completion),
            Enum<Features.Assessments.IrmCompletion>("irmCompletion", IrmCompletion), overdue, Blank(q));
        foreach (var (field, text) in new[] { ("q", q), ("member", Member), ("plan", Plan) })
            if (text?.Contains('\0') == true) errors[field] = "Field.UnknownValue";
        return (filter, errors);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
