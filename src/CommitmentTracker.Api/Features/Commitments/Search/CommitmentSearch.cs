using System.Text.Json.Serialization;
using CommitmentTracker.Infrastructure.Marten;
using Marten;

namespace CommitmentTracker.Features.Commitments;

/// <summary>
/// The words <c>q</c> searches, one document per commitment, kept apart from the commitment's own row and projected only
/// from the events that change text. A progress report rewrites the commitment row, and with the words on that row it
/// also wrote a few hundred new full-text index entries each time (bench/RESULTS.md); here it writes none.
/// </summary>
public sealed record CommitmentSearch(
    string Id, Institution LeadInstitution, Institution[] SupportingInstitutions, Dictionary<string, string> Title,
    Dictionary<string, string>? Description, Dictionary<string, string>? Problem, Dictionary<string, string>? Objective,
    Dictionary<string, string>[] MilestoneTitles)
{
    /// <summary>The full-text column, a tsvector in PostgreSQL's text form (GIN-indexed); the document JSON leaves it out.</summary>
    [JsonIgnore]
    public string Words => SearchWords.TsVector(SearchWords.OfCommitment(
        Id, LeadInstitution, SupportingInstitutions, new[] { Title, Description, Problem, Objective }.Concat(MilestoneTitles)));

    public static string Table(IDocumentStore store) => StorageNames.Table<CommitmentSearch>(store);

    /// <summary>The ids of the search rows whose words match a tsquery, the one parameter (<c>?</c> for Marten, <c>$1</c> for Npgsql).</summary>
    public static string Matching(IDocumentStore store, string parameter = "?") =>
        $"select s.id from {Table(store)} as s where s.{StorageNames.Column<CommitmentSearch>(store, x => x.Words)} @@ {parameter}::tsquery";

    public static CommitmentSearch Create(CommitmentMade e) =>
        new(e.CommitmentId, e.LeadInstitution, e.SupportingInstitutions, e.Title, e.Description, e.Problem, e.Objective, []);

    public CommitmentSearch Apply(CommitmentRevised e) => this with
    {
        Title = e.Title ?? Title, Description = e.Description ?? Description, Problem = e.Problem ?? Problem,
        Objective = e.Objective ?? Objective, LeadInstitution = e.LeadInstitution ?? LeadInstitution,
        SupportingInstitutions = e.SupportingInstitutions ?? SupportingInstitutions,
    };

    public CommitmentSearch Apply(MilestoneAdded e) => this with { MilestoneTitles = [.. MilestoneTitles, e.Title] };
}
