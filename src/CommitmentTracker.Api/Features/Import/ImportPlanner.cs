using System.Text.Json;
using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Export;
using CommitmentTracker.Infrastructure.Http;
using JasperFx.Events;
using JasperFx.Events.Aggregation;
using Marten;

namespace CommitmentTracker.Features.Import;

public enum ImportOutcome { Created, Unchanged }

/// <summary>What became of one commitment row: the key the file gave it, the id it has, created or unchanged.</summary>
public sealed record ImportedCommitment(int Row, string Key, string Id, ImportOutcome Outcome, int Milestones);

/// <summary>With dryRun, what would be created; nothing was written.</summary>
public sealed record ImportReport(string PlanId, bool DryRun, int Created, int Unchanged, ImportedCommitment[] Commitments);

/// <summary>
/// Decides a whole import with the commitment deciders, row by row, collecting every error before refusing; then appends
/// every new stream to the one session it was given. Matching and ids:
/// a row whose Commitment Unique Identifier is a commitment of this plan, or a key an earlier import of this plan created,
/// is that commitment: equal content is Unchanged, different content is a 409 naming the row and field.
/// Any other row makes a commitment that keeps its identifier when it is a free id of the plan's country, else gets the next.
/// </summary>
public sealed class ImportPlanner(IDocumentSession session, ActionPlan plan, ImportFile file, string by, DateTimeOffset now, CancellationToken ct)
{
    private const string Reason = "Bulk import";
    private readonly IAggregator<Commitment, IQuerySession> aggregator =
        ((StoreOptions)session.DocumentStore.Options).Projections.AggregatorFor<Commitment>();
    private readonly FieldErrors errors = file.Errors;
    private readonly FieldErrors conflicts = new();

    public async Task<ImportReport> Decide(bool write)
    {
        var rows = Keyed();
        var milestones = MilestonesByKey(rows);
        var existing = (await session.Query<Commitment>().Where(c => c.PlanId == plan.Id).ToListAsync(ct)).ToDictionary(c => c.Id);
        var imports = await session.Events.FetchForWriting<PlanImports>(PlanImports.IdFor(plan.Id), ct);
        var known = imports.Aggregate?.Keys ?? [];
        Commitment? Match(string key) =>
            existing.GetValueOrDefault(key) ?? (known.TryGetValue(key, out var id) ? existing.GetValueOrDefault(id) : null);
        var ids = await NewIds(rows.Where(r => Match(r.Key) is null).Select(r => r.Key).ToArray());

        var outcomes = new List<ImportedCommitment>();
        var created = new List<(string Id, object[] Events)>();
        foreach (var (row, key, value) in rows)
        {
            var match = Match(key);
            var id = match?.Id ?? ids[key];
            var rowMilestones = milestones.GetValueOrDefault(key) ?? [];
            var (state, events) = await DecideRow(row, id, value, rowMilestones);
            if (match is null) created.Add((id, events));
            else if (state is not null) Compare(row, match, state);
            outcomes.Add(new ImportedCommitment(row, key, id, match is null ? ImportOutcome.Created : ImportOutcome.Unchanged, rowMilestones.Count));
        }
        errors.ThrowIfAny();
        if (conflicts.Any) throw conflicts.AsConflict("Some rows differ from the commitments they match; an import only creates commitments.");

        if (write && created.Count > 0)
        {
            foreach (var (id, events) in created) session.Events.StartStream<Commitment>(id, events);
            var keys = outcomes.Where(o => o.Outcome == ImportOutcome.Created).ToDictionary(o => o.Key, o => o.Id);
            imports.AppendOne(new ActionPlanImported(plan.Id, keys, created.Count, outcomes.Count - created.Count, by, now));
        }
        return new ImportReport(plan.Id, !write, created.Count, outcomes.Count - created.Count, outcomes.ToArray());
    }

    /// <summary>The rows with their keys; a missing or repeated key is an error.</summary>
    private List<(int Row, string Key, CommitmentRow Value)> Keyed()
    {
        if (file.Commitments.Count == 0) errors.Add("commitments", "has no rows.");
        var rows = new List<(int, string, CommitmentRow)>();
        var seen = new Dictionary<string, int>();
        foreach (var (row, value) in file.Commitments)
        {
            var key = value.Id?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(key))
                errors.Add(file.CommitmentKey(row, "id"), "is required: milestone rows refer to it. Any text will do; a new commitment gets a proper id.");
            else if (seen.TryGetValue(key, out var first)) errors.Add(file.CommitmentKey(row, "id"), $"'{key}' is also in row {first}.");
            else
            {
                seen[key] = row;
                rows.Add((row, key, value));
            }
        }
        return rows;
    }

    private Dictionary<string, List<(int Row, MilestoneRow Value)>> MilestonesByKey(List<(int Row, string Key, CommitmentRow Value)> rows)
    {
        var keys = rows.Select(r => r.Key).ToHashSet();
        var byKey = new Dictionary<string, List<(int, MilestoneRow)>>();
        foreach (var (row, value) in file.Milestones)
        {
            var key = value.CommitmentId?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(key)) errors.Add(file.MilestoneKey(row, "commitmentId"), "is required: the commitment this milestone belongs to.");
            else if (!keys.Contains(key)) errors.Add(file.MilestoneKey(row, "commitmentId"), $"'{key}' is no row of the commitments.");
            else (byKey.TryGetValue(key, out var list) ? list : byKey[key] = []).Add((row, value));
        }
        return byKey;
    }

    /// <summary>Keeps a key that is a free id of the plan's country; numbers the others from the next free id on.</summary>
    private async Task<Dictionary<string, string>> NewIds(string[] keys)
    {
        var country = plan.MemberCode[..2];
        var shaped = keys.Where(k => MakeCommitment.OgpId().IsMatch(k) && k.StartsWith(country, StringComparison.Ordinal)).ToArray();
        var taken = (await session.Query<Commitment>().Where(c => c.Id.IsOneOf(shaped)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var ids = shaped.Where(k => !taken.Contains(k)).ToDictionary(k => k, k => k);
        var claimed = ids.Values.ToHashSet();
        var next = int.Parse((await MakeCommitment.NextId(session, country, ct))[2..]);
        foreach (var key in keys.Where(k => !ids.ContainsKey(k)))
        {
            while (claimed.Contains($"{country}{next:D4}")) next++;
            if (next > 9999) throw new RuleConflict($"No commitment ids left for {country}.");
            ids[key] = $"{country}{next++:D4}";
        }
        return ids;
    }

    /// <summary>The events the row makes, decided as the API decides them, and the state they fold to (null when invalid).</summary>
    private async Task<(Commitment? State, object[] Events)> DecideRow(int row, string id, CommitmentRow r, List<(int Row, MilestoneRow Value)> milestones)
    {
        var events = new List<object>();
        var valid = true;
        Commitment? state = null;
        async Task Step(Func<Commitment?, object[]> decide, Func<string, string> key)
        {
            try
            {
                var decided = decide(state);
                events.AddRange(decided);
                state = await aggregator.BuildAsync(decided.Select(session.Events.BuildEvent).ToList(), session, state, ct);
            }
            catch (ValidationFailed v)
            {
                valid = false;
                foreach (var (field, messages) in v.Errors) foreach (var message in messages) errors.Add(key(field), message);
            }
        }

        var title = r.TitleTranslations ?? (r.Title is { } t ? new() { [plan.DefaultLanguage] = t } : null);
        var make = new MakeCommitment(id, title, r.Description, r.Problem, r.Objective, r.LeadInstitution, r.SupportingInstitutions,
            r.PolicyAreas, r.OgpValues, r.Subnational);
        await Step(_ => [MakeCommitment.Decide(new(make, plan, id, by, now))], f => file.CommitmentKey(row, f));
        // An invalid commitment still has its milestones checked, against a stand-in, so the file's every error is reported at once.
        state ??= StandIn(id);
        foreach (var (mrow, m) in milestones)
        {
            var mtitle = m.TitleTranslations ?? (m.Title is { } mt ? new() { [plan.DefaultLanguage] = mt } : null);
            var add = new AddMilestone(mtitle, m.Deliverable, m.ResponsibleInstitution, m.Start, m.Due, m.Weight);
            var before = state!.Milestones.Length;
            await Step(s => AddMilestone.Decide(s!, new(add, plan, by, now)), f => file.MilestoneKey(mrow, f));
            // An invalid milestone still has its progress checked, on a stand-in.
            if (state!.Milestones.Length == before) await Step(s => AddMilestone.Decide(s!, new(StandIn(), plan, by, now)), f => f);
            if (m is { Progress: null or 0, Status: null or MilestoneStatus.Scheduled, Evidence: null or [] }) continue;
            var progress = new ReportMilestoneProgress(m.Progress ?? 0, m.Status, Reason, m.Evidence?.Select(u => new EvidenceLink(u, null, null)).ToArray());
            await Step(s => ReportMilestoneProgress.Decide(s!, new(s!.Milestones[^1].Id, progress, by, now)), f => file.MilestoneKey(mrow, f));
        }
        if (r.Completion is Completion.Withdrawn)
            await Step(s => WithdrawCommitment.Decide(s!, new(new WithdrawCommitment(Reason), by, now)), f => file.CommitmentKey(row, f));
        else if (r.Completion is { } completion and not Completion.NotStarted)
            await Step(s => ChangeCompletion.Decide(s!, new(new ChangeCompletion(completion, Reason, []), by, now)), f => file.CommitmentKey(row, f));
        return (valid ? state : null, events.ToArray());
    }

    private AddMilestone StandIn()
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return new AddMilestone(new() { [plan.DefaultLanguage] = "-" }, null, null, today, today, null);
    }

    private Commitment StandIn(string id) => Commitment.Create(new CommitmentMade(
        id, plan.Id, plan.MemberCode, plan.DefaultLanguage, new() { [plan.DefaultLanguage] = id }, null, null, null,
        new Institution(id, InstitutionKind.Government), [], [PolicyArea.Other], [], false, by, now));

    /// <summary>A matched row must say what the commitment already is; each field that differs is a conflict.</summary>
    private void Compare(int row, Commitment stored, Commitment imported)
    {
        foreach (var ((field, theirs), (_, ours)) in Content(stored).Zip(Content(imported)))
            if (theirs != ours)
                conflicts.Add(file.CommitmentKey(row, field),
                    $"differs from {stored.Id} as stored. Change {stored.Id} through its API (PATCH, milestones, completion) or leave this row as it is.");
    }

    /// <summary>What an import sets, field by field, in a comparable form (maps by language, sets sorted).</summary>
    private static IEnumerable<(string Field, string Value)> Content(Commitment c)
    {
        static string J(object? o) => JsonSerializer.Serialize(o);
        static object? Sorted(Dictionary<string, string>? text) => text?.OrderBy(t => t.Key, StringComparer.Ordinal).ToArray();
        yield return ("title", J(Sorted(c.Title)));
        yield return ("description", J(Sorted(c.Description)));
        yield return ("problem", J(Sorted(c.Problem)));
        yield return ("objective", J(Sorted(c.Objective)));
        yield return ("leadInstitution", J(c.LeadInstitution));
        yield return ("supportingInstitutions", J(c.SupportingInstitutions));
        yield return ("policyAreas", J(c.PolicyAreas.Order()));
        yield return ("ogpValues", J(c.OgpValues.Order()));
        yield return ("subnational", J(c.Subnational));
        yield return ("completion", J(c.Completion));
        yield return (CommitmentCsv.Milestones, J(c.Milestones.Select(m => new
        {
            Title = Sorted(m.Title), Deliverable = Sorted(m.Deliverable), m.ResponsibleInstitution, m.Start, m.Due, m.Weight, m.Status,
            m.Progress, Evidence = m.Evidence.Select(e => e.Url),
        })));
    }
}
