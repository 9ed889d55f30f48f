using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Marten;

namespace CommitmentTracker.Generator;

/// <summary>The streams of one commitment: its own, each CSO's assessment stream of it, and its dialogue's streams.</summary>
public sealed record CommitmentStreams(string Id, List<object> Events, IReadOnlyList<RelatedStream> Related);

/// <summary>
/// Builds each stream's events the way the deciders would have: statuses follow the OCDS rule at the time of each
/// report, completion only ever changes to a different value, and nothing follows a withdrawal.
/// </summary>
public sealed class Stories(Texts texts, int seed)
{
    private readonly DialogueStories dialogue = new(texts, seed);

    private static readonly string[] Csos =
    [
        "Transparency International", "Civil Society Institute", "Open Data Watch", "Budget Monitor", "Citizens' Voice",
        "Institute for Development of Freedom of Information", "Youth Policy Network", "Green Alternative", "Access Info",
        "Public Integrity Lab", "Women's Rights Forum", "Local Democracy Agency",
    ];

    private const string Poc = GeneratedWriters.PocKey;

    public static DateTimeOffset At(DateOnly day, int hour = 9) =>
        new(day.ToDateTime(new TimeOnly(Math.Clamp(hour, 0, 23), 0)), TimeSpan.Zero);

    /// <summary>The seed languages' countries and their capitals by their own names, so the sample data's members read as real ones.</summary>
    private static readonly Dictionary<string, (string En, string Own, string CityEn, string CityOwn)> RealNames = new()
    {
        ["GE"] = ("Georgia", "საქართველო", "Tbilisi", "თბილისი"),
        ["AM"] = ("Armenia", "Հայաստան", "Yerevan", "Երևան"),
        ["UA"] = ("Ukraine", "Україна", "Kyiv", "Київ"),
        ["AZ"] = ("Azerbaijan", "Azərbaycan", "Baku", "Bakı"),
        ["KG"] = ("Kyrgyz Republic", "Кыргыз Республикасы", "Bishkek", "Бишкек"),
    };

    public MemberRegistered Member(MemberSpec m)
    {
        var rng = Dataset.Rng(seed, 1, m.Index);
        var generated = texts.Localized(rng, m.Language, 1, 3);
        var name = RealNames.TryGetValue(m.Code[..2], out var real)
            ? m.Kind == MemberKind.National
                ? new Dictionary<string, string> { ["en"] = real.En, [m.Language] = real.Own }
                : new Dictionary<string, string> { ["en"] = real.CityEn, [m.Language] = real.CityOwn }
            : generated;
        return new MemberRegistered(m.Code, m.Kind, name, m.Kind == MemberKind.National ? "Europe" : "Local",
            m.Language, CommitmentTracker.Site.SampleData.Admin, At(new DateOnly(2011, 9, 20).AddDays(m.Index)));
    }

    public List<object> Plan(PlanSpec p)
    {
        var rng = Dataset.Rng(seed, 2, p.Index);
        var start = p.Period.Start;
        var events = new List<object>
        {
            new ActionPlanDrafted(p.Id, p.Member.Code, p.Sequence, texts.Localized(rng, p.Member.Language, 3, 6), p.Period,
                p.Member.Language, Poc, At(start.AddDays(-120))),
        };
        var status = ActionPlanStatus.Draft;
        void Move(ActionPlanStatus to, DateOnly day)
        {
            if (day > Dataset.Today) return;
            events.Add(new ActionPlanMoved(p.Id, status, to, texts.Phrase(rng, "en", 3, 8), Poc, At(day)));
            status = to;
        }
        Move(ActionPlanStatus.CoCreation, start.AddDays(-90));
        Move(ActionPlanStatus.Submitted, start.AddDays(-10));
        Move(ActionPlanStatus.Implementation, start);
        if (status == ActionPlanStatus.Implementation) Move(ActionPlanStatus.Ended, p.Period.End.AddDays(1));
        if (status == ActionPlanStatus.Ended) Move(ActionPlanStatus.ResultsAssessed, p.Period.End.AddDays(240));
        return events;
    }

    public CommitmentStreams Commitment(CommitmentSpec c)
    {
        var rng = Dataset.Rng(seed, 3, c.Index);
        var plan = c.Plan;
        var lang = plan.Member.Language;
        var (start, end) = (plan.Period.Start, plan.Period.End);
        var today = Dataset.Today;
        var made = start.AddDays(-60 + rng.Next(30));
        var later = new List<(DateTimeOffset At, Func<object> Make)>();

        // Milestones: added in co-creation, some rescheduled at once, reported on between start and a little after due.
        var milestones = rng.Next(3, 8);
        var weighted = rng.NextDouble() < 0.3;
        var statuses = new Dictionary<string, MilestoneStatus>();
        var added = new List<object>();
        for (var i = 1; i <= milestones; i++)
        {
            var id = $"{c.Id}-M{i}";
            var mStart = start.AddDays(rng.Next(0, 300));
            var due = mStart.AddDays(rng.Next(60, 400));
            if (due > end) due = end;
            var addedAt = At(made.AddDays(i));
            added.Add(new MilestoneAdded(c.Id, id, texts.Localized(rng, lang, 3, 8),
                rng.NextDouble() < 0.5 ? texts.Localized(rng, lang, 5, 15) : null, texts.Phrase(rng, lang, 2, 4),
                mStart, due, weighted ? rng.Next(1, 5) : null, Poc, addedAt));
            statuses[id] = MilestoneStatus.Scheduled;
            if (rng.NextDouble() < 0.06)
            {
                var (oldDue, newDue, at) = (due, due.AddDays(rng.Next(30, 180)), At(made.AddDays(10 + i)));
                var reason = texts.Phrase(rng, "en", 4, 10);
                due = newDue;
                later.Add((at, () => new MilestoneRescheduled(c.Id, id, mStart, oldDue, mStart, newDue, reason, Poc, at)));
            }
            var reports = rng.Next(0, 3);
            var percent = 0;
            var last = Min(due.AddDays(60), today);
            for (var r = 0; r < reports && mStart < last; r++)
            {
                var day = mStart.AddDays(rng.Next(1, Math.Max(2, last.DayNumber - mStart.DayNumber)));
                percent = Math.Min(100, percent + rng.Next(10, 70));
                var (pct, at, dueThen) = (percent, At(day, 10 + r), due);
                var note = texts.Phrase(rng, lang, 4, 12);
                EvidenceLink[] evidence = rng.NextDouble() < 0.5 ? [new EvidenceLink($"https://example.org/{c.Id}/m{i}/r{r}.pdf", "Report", "document")] : [];
                later.Add((at, () =>
                {
                    var status = pct == 100 ? MilestoneStatus.Met
                        : dueThen >= DateOnly.FromDateTime(at.UtcDateTime) ? MilestoneStatus.Scheduled
                        : pct > 0 ? MilestoneStatus.PartiallyMet : MilestoneStatus.NotMet;
                    var previous = statuses[id];
                    statuses[id] = status;
                    return new MilestoneProgressReported(c.Id, id, pct, status, previous, note, evidence, Poc, at);
                }));
            }
        }

        // The government's self-assessment moves forward during implementation.
        var completion = Completion.NotStarted;
        var changes = rng.Next(0, 3);
        for (var k = 0; k < changes; k++)
        {
            var day = start.AddDays(180 + k * 200 + rng.Next(0, 100));
            if (day > today) break;
            var next = (Completion)Math.Min((int)Completion.Complete, (int)completion + rng.Next(1, 3));
            if (next == completion) break;
            var (from, to, at) = (completion, next, At(day, 15));
            var reason = texts.Phrase(rng, lang, 5, 15);
            later.Add((at, () => new CommitmentCompletionChanged(c.Id, from, to, reason, [], Poc, at)));
            completion = next;
        }

        if (rng.NextDouble() < 0.1)
        {
            var at = At(start.AddDays(30), 11);
            var description = texts.Localized(rng, lang, 20, 40);
            later.Add((at, () => new CommitmentRevised(null, description, null, null, null, null, null, null, Poc, at)));
        }

        // The IRM: design once the plan is submitted, results a while after it ends.
        if (start.AddDays(120) <= today && rng.NextDouble() < 0.8)
        {
            var at = At(start.AddDays(120), 12);
            var (verifiable, lens, potential) = (rng.NextDouble() < 0.85, rng.NextDouble() < 0.75, (PotentialForResults)rng.Next(0, 3));
            later.Add((at, () => new IrmDesignAssessed(c.Id, verifiable, lens, potential, potential == PotentialForResults.Substantial, null, GeneratedWriters.IrmKey, at)));
        }
        if (end.AddDays(200) <= today && rng.NextDouble() < 0.8)
        {
            var at = At(end.AddDays(200), 12);
            var (irmCompletion, opened) = ((IrmCompletion)rng.Next(0, 5), (DidItOpenGovernment)rng.Next(0, 5));
            var comment = texts.Phrase(rng, "en", 5, 12);
            later.Add((at, () => new IrmResultsAssessed(c.Id, irmCompletion, opened, comment, [], GeneratedWriters.IrmKey, at)));
        }

        var events = new List<object>(2 + milestones * 3)
        {
            new CommitmentMade(c.Id, plan.Id, plan.Member.Code, lang, texts.Localized(rng, lang, 4, 10),
                rng.NextDouble() < 0.7 ? texts.Localized(rng, lang, 15, 40) : null,
                rng.NextDouble() < 0.4 ? texts.Localized(rng, lang, 10, 25) : null,
                rng.NextDouble() < 0.4 ? texts.Localized(rng, lang, 10, 25) : null,
                new Institution(texts.Phrase(rng, lang, 2, 4), InstitutionKind.Government),
                Enumerable.Range(0, rng.Next(0, 3)).Select(_ => new Institution(texts.Phrase(rng, lang, 2, 4), (InstitutionKind)rng.Next(0, 4))).ToArray(),
                Pick(rng, Enum.GetValues<PolicyArea>(), 1, 3), Pick(rng, Enum.GetValues<OgpValue>(), 0, 3),
                plan.Member.Kind == MemberKind.Local, Poc, At(made)),
        };
        events.AddRange(added);
        // In business-time order, so the state each report and change saw is the state before it.
        events.AddRange(later.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e.Make()));
        if (rng.NextDouble() < 0.01)
        {
            var at = ((IDomainEvent)events[^1]).At.AddDays(1);
            events.Add(new CommitmentWithdrawn(c.Id, completion, texts.Phrase(rng, "en", 4, 10), Poc, at));
        }

        var cso = new List<RelatedStream>();
        if (rng.NextDouble() < 0.25)
        {
            var organisation = Csos[rng.Next(Csos.Length)];
            var streamId = CsoAssessment.IdFor(c.Id, organisation);
            var filings = new List<object>();
            for (var k = 0; k < rng.Next(1, 4); k++)
            {
                var day = start.AddDays(200 + 250 * k);
                if (day > today) break;
                filings.Add(new CsoAssessmentFiled(streamId, c.Id, organisation, (Completion)rng.Next(0, 4), texts.Phrase(rng, lang, 8, 20),
                    [new EvidenceLink($"https://cso.example.org/{c.Id}/{k}", null, null)], GeneratedWriters.CsoKey, At(day, 16)));
            }
            if (filings.Count > 0) cso.Add(new RelatedStream(typeof(CsoAssessment), streamId, filings));
        }
        return new CommitmentStreams(c.Id, events, [.. cso, .. dialogue.Of(c, events, cso)]);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static T[] Pick<T>(Random rng, T[] all, int min, int max) =>
        all.OrderBy(_ => rng.Next()).Take(rng.Next(min, max + 1)).ToArray();
}
