using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Dialogue.Comments;
using CommitmentTracker.Features.Dialogue.Responses;
using CommitmentTracker.Features.MilestoneAssessments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Marten;

namespace CommitmentTracker.Generator;

/// <summary>One stream besides the commitment's own, with the aggregate Marten records it under.</summary>
public sealed record RelatedStream(Type Aggregate, string Id, List<object> Events);

/// <summary>
/// The dialogue around one commitment, as the dialogue's deciders would have written it: the government answering a CSO's
/// assessment or the IRM's verdict, a CSO's view of a milestone that has started, and a discussion with the government's
/// reply. It reads the commitment's finished streams and draws from a random sequence of its own, so the commitment's
/// other events stay what they were before dialogue was generated.
/// </summary>
public sealed class DialogueStories(Texts texts, int seed)
{
    public IEnumerable<RelatedStream> Of(CommitmentSpec c, IReadOnlyList<object> events, IReadOnlyList<RelatedStream> cso)
    {
        var rng = Dataset.Rng(seed, 4, c.Index);
        var made = (CommitmentMade)events[0];
        if (events.OfType<CommitmentWithdrawn>().Any()) yield break;
        var lang = made.DefaultLanguage;
        var today = Stories.At(Dataset.Today, 23);
        var government = made.LeadInstitution.Name;

        foreach (var stream in cso)
        {
            var filings = stream.Events.OfType<CsoAssessmentFiled>().ToList();
            var at = filings[^1].At.AddDays(rng.Next(10, 40));
            if (rng.NextDouble() < 0.6 && at <= today)
                yield return Answer(rng, c.Id, AnsweredAssessment.Cso, filings[0].Organisation, filings.Count, lang, government, at);
        }

        var irm = events.Where(e => e is IrmDesignAssessed or IrmResultsAssessed).Cast<IDomainEvent>().ToList();
        var answeredIrm = irm.Count > 0 ? irm[^1].At.AddDays(rng.Next(20, 60)) : DateTimeOffset.MaxValue;
        if (rng.NextDouble() < 0.3 && answeredIrm <= today)
            yield return Answer(rng, c.Id, AnsweredAssessment.Irm, null, irm.Count, lang, government, answeredIrm);

        var started = events.OfType<MilestoneAdded>().Where(m => Stories.At(m.Start) < today).ToList();
        foreach (var organisation in cso.Select(s => s.Events.OfType<CsoAssessmentFiled>().First().Organisation))
        {
            if (rng.NextDouble() >= 0.5) continue;
            foreach (var milestone in started.OrderBy(_ => rng.Next()).Take(rng.Next(1, 3)))
            {
                var id = CsoMilestoneAssessment.IdFor(milestone.MilestoneId, organisation);
                var at = Between(rng, Stories.At(milestone.Start, 16), today);
                yield return new RelatedStream(typeof(CsoMilestoneAssessment), id,
                [
                    new CsoMilestoneAssessed(id, c.Id, milestone.MilestoneId, organisation, (MilestoneStatus)rng.Next(0, 4),
                        texts.Phrase(rng, lang, 8, 20), [new EvidenceLink($"https://cso.example.org/{milestone.MilestoneId}", null, null)], GeneratedWriters.CsoKey, at),
                ]);
            }
        }

        if (rng.NextDouble() >= 0.15 || Stories.At(c.Plan.Period.Start, 11) >= today) yield break;
        var opened = Between(rng, Stories.At(c.Plan.Period.Start, 11), today);
        var on = started.Count > 0 && rng.NextDouble() < 0.4 ? started[rng.Next(started.Count)].MilestoneId : null;
        var question = Posted(rng, c.Id, on, null, texts.Phrase(rng, lang, 10, 30), "Citizen monitor", Roles.Cso, "Citizens' Voice", false, GeneratedWriters.CitizenKey, opened);
        yield return question;
        var replied = opened.AddDays(rng.Next(1, 15));
        if (rng.NextDouble() < 0.7 && replied <= today)
            yield return Posted(rng, c.Id, on, ((CommentPosted)question.Events[0]).CommentId, texts.Phrase(rng, lang, 10, 30),
                GeneratedWriters.PocName, Roles.Poc, government, true, GeneratedWriters.PocKey, replied);
    }

    private RelatedStream Answer(Random rng, string commitmentId, AnsweredAssessment assessment, string? organisation, int version,
        string lang, string government, DateTimeOffset at)
    {
        var id = AssessmentResponses.StreamFor(commitmentId, assessment, organisation);
        return new RelatedStream(typeof(AssessmentResponses), id,
        [
            new AssessmentAnswered(id, commitmentId, assessment, organisation, version, (ResponseStance)rng.Next(0, 3),
                new Dictionary<string, string> { [lang] = texts.Phrase(rng, lang, 12, 30) }, [], GeneratedWriters.PocName, Roles.Poc, government, GeneratedWriters.PocKey, at),
        ]);
    }

    private static RelatedStream Posted(Random rng, string commitmentId, string? milestoneId, string? parentId, string text,
        string name, string role, string organisation, bool official, string by, DateTimeOffset at)
    {
        var bytes = new byte[16];
        rng.NextBytes(bytes);
        var commentId = new Guid(bytes).ToString("N");
        return new RelatedStream(typeof(Comment), Comment.StreamFor(commitmentId, commentId),
            [new CommentPosted(commentId, commitmentId, milestoneId, parentId, text, name, role, organisation, official, by, at)]);
    }

    private static DateTimeOffset Between(Random rng, DateTimeOffset from, DateTimeOffset to) =>
        from >= to ? from : from.AddHours(rng.Next(0, Math.Max(1, (int)(to - from).TotalHours)));
}
