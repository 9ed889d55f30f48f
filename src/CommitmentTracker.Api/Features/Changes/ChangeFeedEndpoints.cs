using CommitmentTracker.Infrastructure.Configuration;
using CommitmentTracker.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Changes;

public static class ChangeFeedEndpoints
{
    public static IServiceCollection AddChangeFeed(this IServiceCollection services) =>
        services.AddSettings<ChangeFeedOptions>().Services.AddSingleton<CommittedSequence>().AddSingleton<ChangeFeed>();

    public static IEndpointRouteBuilder MapChanges(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/changes", Read).WithTags("Changes")
            .WithSummary("Every event in global order after a sequence. Page with after=next; never returns an event past the committed high-water mark.")
            .ProducesValidationProblem();
        return app;
    }

    /// <param name="after">The last sequence already seen (the previous page's <c>next</c>); 0 or omitted for the beginning.</param>
    /// <param name="limit">At most this many events, 1 to 1000 (default 100).</param>
    /// <param name="member">Only events of this member's streams: the member, its plans and their imports, commitments and CSO assessments.</param>
    /// <param name="commitment">Only events of this commitment and its CSO assessments.</param>
    private static async Task<Ok<ChangeFeedPage>> Read(
        long? after, int? limit, string? member, string? commitment, ChangeFeed feed, HttpContext http)
    {
        var errors = new FieldErrors();
        var filter = Filter(after, limit, member, commitment, errors);
        errors.ThrowIfAny();
        return TypedResults.Ok(await feed.Read(after ?? 0, limit ?? ChangeFeed.DefaultLimit, filter, http.RequestAborted));
    }

    /// <summary>Checks the feed's paging and filter values; the webhook subscriptions take the same filter.</summary>
    public static ChangeFilter Filter(long? after, int? limit, string? member, string? commitment, FieldErrors errors, IReadOnlyCollection<string>? types = null)
    {
        if (after is < 0) errors.Add("after", "must be 0 or more.");
        if (limit is < 1 or > ChangeFeed.MaxLimit) errors.Add("limit", $"must be between 1 and {ChangeFeed.MaxLimit}.");
        errors.MaxLength("member", member, 50).MaxLength("commitment", commitment, 50);
        return new ChangeFilter(Normalize(member), Normalize(commitment), types);
    }

    private static string? Normalize(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();
}
