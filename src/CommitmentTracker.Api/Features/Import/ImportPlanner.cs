using System.Text.Json;
using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Export;
using CommitmentTracker.Infrastructure.Http;
using JasperFx.Events;
using JasperFx.Events.Aggregation;
using Marten;

namespace CommitmentTracker.Features.Import;

public enum ImportOutcome { Created, Updated, Unchanged }

/// <summary>
/// One value an import changes: the file's name for it (as errors name fields: <c>milestones[7].Progress %</c>), the
/// milestone it belongs to, if any, what is stored and what the file says. A milestone the import adds has its id as
/// <c>to</c> and no <c>from</c>.
/// </summary>
public sealed record ImportChange(string Field, string? Milestone, string? From, string? To);

/// <summary>What became of one commitment row: the key the file gave it, the id it has, its outcome and, when updated, each change.</summary>
public sealed record ImportedCommitment(int Row, string Key, string Id, ImportOutcome Outcome, int Milestones, ImportChange[] Changes);

/// <summary>With dryRun, what would be created and changed; nothing was written.</summary>
public sealed record ImportReport(string PlanId, bool DryRun, int Created, int Updated, int Unchanged, ImportedCommitment[] Commitments);

/// <summary>
/// Decides a whole import with the commitment deciders, row by row, collecting every error before refusing; then appends
/// every new stream and every update to the one session it was given. Matching and ids:
/// a row whose Commitment Unique Identifier is a commitment of this plan, or a key an earlier import of this plan created,
/// is that commitment: its completion, its milestones' progress, status, evidence and dates are updated where the file
/// differs (<see cref="Update"/>); any other field that differs is a 409 naming the row and field.
/// Any other row makes a commitment that keeps its identifier when it is a free id of the plan's country, else gets the next.
/// </summary>
public sealed partial class ImportPlanner(IDocumentSession session, ActionPlan plan, ImportFile file, string? reason, DateOnly? effectiveOn, string by, DateTimeOffset now, CancellationToken ct)
{
    private const string Reason = "Bulk import";
    private readonly IAggregator<Commitment, IQuerySession> aggregator =
        ((StoreOptions)session.DocumentStore.Options).Projections.AggregatorFor<Commitment>();
    private readonly FieldErrors errors = file.Errors;
    private readonly FieldErrors conflicts = new();

    public async Task<ImportReport> Decide(bool write)
    {
        At(null); // a day in the future or before the plan is refused before any row is read
        RowDays();
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
        var updated = new List<(Commitment Stored, object[] Events)>();
        foreach (var (row, key, given) in rows)
        {
            var match = Match(key);
            var id = match?.Id ?? ids[key];
            var value = match is null ? given : AsStored(given, match);
            var rowMilestones = milestones.GetValueOrDefault(key) ?? [];
            if (match is not null) rowMilestones = AsStored(key, rowMilestones, match);
            var (state, events) = await DecideRow(row, id, value, rowMilestones, match is not null);
            if (match is null)
            {
                created.Add((id, events));
                outcomes.Add(new ImportedCommitment(row, key, id, ImportOutcome.Created, rowMilestones.Count, []));
                continue;
            }
            var (changes, updates) = await Update(row, key, value, match, state, rowMilestones);
            if (updates.Length > 0) updated.Add((match, updates));
            outcomes.Add(new ImportedCommitment(row, key, id, changes.Length > 0 ? ImportOutcome.Updated : ImportOutcome.Unchanged,
                rowMilestones.Count, changes));
        }
        errors.ThrowIfAny();
        if (conflicts.Any)
            throw conflicts.AsConflict("Some rows differ from the commitments they match in what an import cannot change.");

        var unchanged = outcomes.Count - created.Count - updated.Count;
        if (write && created.Count + updated.Count > 0)
        {
            foreach (var (id, events) in created) session.Events.StartStream<Commitment>(id, events);
            // At the version the decision saw: a write in between is a conflict, and AppendAll decides again.
            foreach (var (stored, events) in updated) session.Events.Append(stored.Id, stored.Version + events.Length, events);
            var keys = outcomes.Where(o => o.Outcome == ImportOutcome.Created).ToDictionary(o => o.Key, o => o.Id);
            imports.AppendOne(new ActionPlanImported(plan.Id, keys, created.Count, unchanged, by, now) { Updated = updated.Count });
        }
        return new ImportReport(plan.Id, !write, created.Count, updated.Count, unchanged, outcomes.ToArray());
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

    /// <summary>
    /// The events the row makes as a new commitment, decided as the API decides them, and the state they fold to (null
    /// when invalid). A row that <paramref name="matched"/> a stored commitment is checked only in what an import cannot
    /// change; its progress and completion are decided on the stored state (<see cref="Update"/>).
    /// </summary>
    private async Task<(Commitment? State, object[] Events)> DecideRow(int row, string id, CommitmentRow r, List<(int Row, MilestoneRow Value)> milestones, bool matched)
    {
        var steps = Steps(null);
        var title = r.TitleTranslations ?? (r.Title is { } t ? new() { [plan.DefaultLanguage] = t } : null);
        var make = new MakeCommitment(id, title, r.Description, r.Problem, r.Objective, r.LeadInstitution, r.SupportingInstitutions,
            r.PolicyAreas, r.OgpValues, r.Subnational);
        // A matched row is checked as of its stored start, so its dates are judged only where it changes something (Update).
        await steps.Step(_ => [MakeCommitment.Decide(new(make, plan, id, by, matched ? StandInAt : At(null, r.EffectiveOn)))], f => file.CommitmentKey(row, f));
        // An invalid commitment still has its milestones checked, against a stand-in, so the file's every error is reported at once.
        steps.State ??= StandIn(id);
        foreach (var (mrow, m) in milestones) await AddMilestone(steps, mrow, m, Reason, matched ? null : m.EffectiveOn ?? r.EffectiveOn, progress: !matched, dated: !matched);
        if (matched) return (steps.Valid ? steps.State : null, []);
        if (r.Completion is Completion.Withdrawn)
            await steps.Step(s => WithdrawCommitment.Decide(s!, new(new WithdrawCommitment(Reason), by, At(s, r.EffectiveOn))), f => file.CommitmentKey(row, f));
        else if (r.Completion is { } completion and not Completion.NotStarted)
            await steps.Step(s => ChangeCompletion.Decide(s!, new(new ChangeCompletion(completion, Reason, []), by, At(s, r.EffectiveOn))), f => file.CommitmentKey(row, f));
        return (steps.Valid ? steps.State : null, steps.Events.ToArray());
    }

    /// <summary>
    /// When a step on <paramref name="state"/> (null: a new commitment) takes effect: now, or the row's <paramref name="day"/>,
    /// else the file's effectiveOn, by the rules of every write's (<see cref="EffectiveDate.At"/>).
    /// </summary>
    private DateTimeOffset At(Commitment? state, DateOnly? day = null) => EffectiveDate.At(day ?? effectiveOn, now, plan.Period.Start, state?.UpdatedAt);

    /// <summary>A stand-in's time: no later than any day a row may give, so it never makes a real step's date look out of order.</summary>
    private DateTimeOffset StandInAt
    {
        get
        {
            var start = new DateTimeOffset(plan.Period.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return start < now ? start : now;
        }
    }

    /// <summary>Every row's own effectiveOn is checked against today and the plan's start, changed or not (the stream's order is checked where it changes).</summary>
    private void RowDays()
    {
        void Check(DateOnly? day, string key)
        {
            if (day is null) return;
            try { EffectiveDate.At(day, now, plan.Period.Start, null); }
            catch (ValidationFailed v) { foreach (var message in v.Errors.SelectMany(e => e.Value)) errors.Add(key, message); }
        }
        foreach (var (row, r) in file.Commitments) Check(r.EffectiveOn, file.CommitmentKey(row, "effectiveOn"));
        foreach (var (row, m) in file.Milestones) Check(m.EffectiveOn, file.MilestoneKey(row, "effectiveOn"));
    }

    private RowSteps Steps(Commitment? state) => new(session, aggregator, errors, state, ct);

    /// <summary>A milestone row as a new milestone, with its progress, if it has any.</summary>
    /// <param name="day">The row's effectiveOn (else the file's).</param>
    /// <param name="dated">False for a matched row's check, which writes nothing: its milestones are added at the stand-in time.</param>
    private async Task AddMilestone(RowSteps steps, int mrow, MilestoneRow m, string note, DateOnly? day, FieldErrors? conflicts = null, bool progress = true, bool dated = true)
    {
        var mtitle = m.TitleTranslations ?? (m.Title is { } mt ? new() { [plan.DefaultLanguage] = mt } : null);
        var add = new AddMilestone(mtitle, m.Deliverable, m.ResponsibleInstitution, m.Start, m.Due, m.Weight);
        var before = steps.State!.Milestones.Length;
        await steps.Step(s => Commitments.AddMilestone.Decide(s!, new(add, plan, by, dated ? At(s, day) : s!.UpdatedAt)), f => file.MilestoneKey(mrow, f), conflicts, file.MilestoneKey(mrow, "id"));
        // An invalid milestone still has its progress checked, on a stand-in (at the state's own time: its date was already judged).
        if (steps.State!.Milestones.Length == before) await steps.Step(s => Commitments.AddMilestone.Decide(s!, new(StandIn(), plan, by, s!.UpdatedAt)), f => f, conflicts, file.MilestoneKey(mrow, "id"));
        if (!progress || m is { Progress: null or 0, Status: null or MilestoneStatus.Scheduled, Evidence: null or [] }) return;
        var report = new ReportMilestoneProgress(m.Progress ?? 0, m.Status, note, m.Evidence?.Select(u => new EvidenceLink(u, null, null)).ToArray());
        await steps.Step(s => ReportMilestoneProgress.Decide(s!, new(s!.Milestones[^1].Id, report, by, At(s, day))), f => file.MilestoneKey(mrow, f));
    }

    private AddMilestone StandIn()
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return new AddMilestone(new() { [plan.DefaultLanguage] = "-" }, null, null, today, today, null);
    }

    private Commitment StandIn(string id) => Commitment.Create(new CommitmentMade(
        id, plan.Id, plan.MemberCode, plan.DefaultLanguage, new() { [plan.DefaultLanguage] = id }, null, null, null,
        new Institution(id, InstitutionKind.Government), [], [PolicyArea.Other], [], false, by, StandInAt));

    /// <summary>A matched row must say what the commitment already is in all an import cannot change; each field that differs is a conflict.</summary>
    private void Compare(int row, Commitment stored, Commitment imported)
    {
        foreach (var ((field, theirs), (_, ours)) in Content(stored).Zip(Content(imported)))
            if (theirs != ours)
                conflicts.Add(file.CommitmentKey(row, field),
                    $"differs from {stored.Id} as stored; an import changes only completion and milestones' progress, status, evidence and dates. "
                    + $"Change it through PATCH /api/commitments/{stored.Id}, or leave this row as it is.");
    }

    private static string J(object? o) => JsonSerializer.Serialize(o);

    private static object? Sorted(Dictionary<string, string>? text) => text?.OrderBy(t => t.Key, StringComparer.Ordinal).ToArray();

    /// <summary>What an import sets and cannot update, field by field, in a comparable form (maps by language, sets sorted).</summary>
    private static IEnumerable<(string Field, string Value)> Content(Commitment c)
    {
        yield return ("title", J(Sorted(c.Title)));
        yield return ("description", J(Sorted(c.Description)));
        yield return ("problem", J(Sorted(c.Problem)));
        yield return ("objective", J(Sorted(c.Objective)));
        yield return ("leadInstitution", J(c.LeadInstitution));
        yield return ("supportingInstitutions", J(c.SupportingInstitutions));
        yield return ("policyAreas", J(c.PolicyAreas.Order()));
        yield return ("ogpValues", J(c.OgpValues.Order()));
        yield return ("subnational", J(c.Subnational));
    }
}
