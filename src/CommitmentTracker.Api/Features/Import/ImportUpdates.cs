using System.Globalization;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Export;

namespace CommitmentTracker.Features.Import;

public sealed partial class ImportPlanner
{
    /// <summary>
    /// A row that matches a stored commitment: the changes it makes, decided on the stored state by the same deciders as
    /// the API's writes, and their events. Milestone rows match by Milestone ID (the commitment's own, or the file key's:
    /// GE0001-M2 in a file whose GE0001 became this plan's GE0007 is GE0007-M2), and without one by their place among the
    /// commitment's rows; a row past the stored milestones adds one. Stored milestones the file leaves out, and empty
    /// cells, stay as they are. Every change needs a reason: the milestone row's, its commitment row's, or the file's.
    /// </summary>
    private async Task<(ImportChange[] Changes, object[] Events)> Update(
        int row, string key, CommitmentRow r, Commitment stored, Commitment? imported, List<(int Row, MilestoneRow Value)> milestones)
    {
        if (imported is not null) Compare(row, stored, imported);
        var steps = Steps(stored);
        var changes = new List<ImportChange>();
        var rowReason = r.Reason ?? reason;
        var seen = new Dictionary<string, int>();
        foreach (var ((mrow, m), i) in milestones.Select((m, i) => (m, i)))
        {
            var target = m.Id is { } mid ? FindMilestone(stored, key, mid) : i < stored.Milestones.Length ? stored.Milestones[i] : null;
            if (m.Id is not null && target is null)
            {
                errors.Add(file.MilestoneKey(mrow, "id"), $"'{m.Id}' is no milestone of {stored.Id}; leave it empty to add a milestone.");
                continue;
            }
            if (target is not null && !seen.TryAdd(target.Id, mrow))
            {
                errors.Add(file.MilestoneKey(mrow, "id"), $"{target.Id} is also in row {seen[target.Id]}.");
                continue;
            }
            var note = m.Reason ?? rowReason;
            if (target is null)
            {
                if (!Reasoned(note, file.MilestoneKey(mrow, "reason"), $"adds a milestone to {stored.Id}")) continue;
                var before = steps.State!.Milestones.Length;
                await AddMilestone(steps, mrow, m, note!.Trim(), m.EffectiveOn ?? r.EffectiveOn, conflicts);
                if (steps.State!.Milestones.Length > before)
                    changes.Add(new(file.MilestoneKey(mrow, "id"), steps.State.Milestones[^1].Id, null, steps.State.Milestones[^1].Id));
                continue;
            }
            if (imported is not null) CompareMilestone(mrow, target, imported.Milestones[i]);
            await UpdateMilestone(steps, mrow, m, target, note, m.EffectiveOn ?? r.EffectiveOn, changes);
        }
        if (r.Completion is { } completion && completion != stored.Completion
            && Reasoned(rowReason, file.CommitmentKey(row, "reason"), $"changes {stored.Id}'s completion"))
        {
            var field = file.CommitmentKey(row, "completion");
            await steps.Step(s => completion is Completion.Withdrawn
                ? WithdrawCommitment.Decide(s!, new(new WithdrawCommitment(rowReason!.Trim()), by, At(s, r.EffectiveOn)))
                : ChangeCompletion.Decide(s!, new(new ChangeCompletion(completion, rowReason!.Trim(), []), by, At(s, r.EffectiveOn))), f => file.CommitmentKey(row, f), conflicts, field);
            if (steps.State!.Completion != stored.Completion) changes.Add(new(field, null, stored.Completion.ToString(), steps.State.Completion.ToString()));
        }
        return (changes.ToArray(), steps.Events.ToArray());
    }

    /// <summary>Dates by a reschedule, then progress, status and new evidence by a progress report; the diff is read from the state they fold to.</summary>
    private async Task UpdateMilestone(RowSteps steps, int mrow, MilestoneRow m, Milestone target, string? note, DateOnly? day, List<ImportChange> changes)
    {
        var start = m.Start ?? target.Start;
        var due = m.Due ?? target.Due;
        var percent = m.Progress ?? target.Progress;
        // A status the same as stored lets new progress decide it: an edited export still shows the old status.
        var status = m.Status == target.Status ? null : m.Status;
        var evidence = (m.Evidence ?? []).Where(u => target.Evidence.All(e => e.Url != u)).Distinct().ToArray();
        var reschedule = start != target.Start || due != target.Due;
        var report = percent != target.Progress || status is not null || evidence.Length > 0;
        if (!reschedule && !report) return;
        if (!Reasoned(note, file.MilestoneKey(mrow, "reason"), $"changes {target.Id}")) return;
        if (reschedule)
            await steps.Step(s => RescheduleMilestone.Decide(s!, new(target.Id, new RescheduleMilestone(start, due, note), by, At(s, day))),
                f => file.MilestoneKey(mrow, f), conflicts, file.MilestoneKey(mrow, "due"));
        if (report)
            await steps.Step(s => ReportMilestoneProgress.Decide(s!, new(target.Id,
                    new ReportMilestoneProgress(percent, status, note!.Trim(), evidence.Select(u => new EvidenceLink(u, null, null)).ToArray()), by, At(s, day))),
                f => file.MilestoneKey(mrow, f), conflicts, file.MilestoneKey(mrow, "percent"));
        var after = steps.State!.Milestones.First(x => x.Id == target.Id);
        void Diff(string field, string? from, string? to)
        {
            if (from != to) changes.Add(new(file.MilestoneKey(mrow, field), target.Id, from, to));
        }
        Diff("start", Day(target.Start), Day(after.Start));
        Diff("due", Day(target.Due), Day(after.Due));
        Diff("percent", target.Progress.ToString(CultureInfo.InvariantCulture), after.Progress.ToString(CultureInfo.InvariantCulture));
        Diff("status", target.Status.ToString(), after.Status.ToString());
        Diff("evidence", string.Join(' ', target.Evidence.Select(e => e.Url)), string.Join(' ', after.Evidence.Select(e => e.Url)));
    }

    /// <summary>
    /// A matched row with the columns it leaves out (null) taken as stored, so an update sheet needs only the ids, the
    /// columns it changes and a reason.
    /// </summary>
    private static CommitmentRow AsStored(CommitmentRow r, Commitment stored) => r with
    {
        TitleTranslations = r.TitleTranslations ?? (r.Title is null ? stored.Title : null),
        Description = r.Description ?? stored.Description, Problem = r.Problem ?? stored.Problem, Objective = r.Objective ?? stored.Objective,
        LeadInstitution = r.LeadInstitution ?? stored.LeadInstitution, SupportingInstitutions = r.SupportingInstitutions ?? stored.SupportingInstitutions,
        PolicyAreas = r.PolicyAreas ?? stored.PolicyAreas, OgpValues = r.OgpValues ?? stored.OgpValues, Subnational = r.Subnational ?? stored.Subnational,
    };

    /// <summary>The milestone rows of a matched commitment, each with what it leaves out taken from the stored milestone it matches (as <see cref="Update"/> matches them).</summary>
    private static List<(int Row, MilestoneRow Value)> AsStored(string key, List<(int Row, MilestoneRow Value)> milestones, Commitment stored) =>
        milestones.Select((x, i) =>
        {
            var m = x.Value;
            var target = m.Id is { } mid ? FindMilestone(stored, key, mid) : i < stored.Milestones.Length ? stored.Milestones[i] : null;
            return target is null ? x : (x.Row, m with
            {
                TitleTranslations = m.TitleTranslations ?? (m.Title is null ? target.Title : null), Deliverable = m.Deliverable ?? target.Deliverable,
                ResponsibleInstitution = m.ResponsibleInstitution ?? target.ResponsibleInstitution, Start = m.Start ?? target.Start,
                Due = m.Due ?? target.Due, Weight = m.Weight ?? target.Weight,
            });
        }).ToList();

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The stored milestone a Milestone ID names: its own id, or the same milestone of the file's key.</summary>
    private static Milestone? FindMilestone(Commitment stored, string key, string id)
    {
        id = id.Trim();
        if (id.StartsWith(key + "-", StringComparison.OrdinalIgnoreCase)) id = stored.Id + id[key.Length..];
        return stored.Milestones.FirstOrDefault(x => string.Equals(x.Id, id, StringComparison.OrdinalIgnoreCase));
    }

    private bool Reasoned(string? note, string field, string what)
    {
        if (!string.IsNullOrWhiteSpace(note)) return true;
        errors.Add(field, $"is required: this row {what}. Give the row a reason, or one reason for the whole file (?reason=...).");
        return false;
    }

    /// <summary>What an import cannot change in a milestone must be as stored.</summary>
    private void CompareMilestone(int mrow, Milestone stored, Milestone imported)
    {
        foreach (var (field, theirs, ours) in new[]
                 {
                     ("title", J(Sorted(stored.Title)), J(Sorted(imported.Title))),
                     ("deliverable", J(Sorted(stored.Deliverable)), J(Sorted(imported.Deliverable))),
                     ("responsibleInstitution", J(stored.ResponsibleInstitution), J(imported.ResponsibleInstitution)),
                     ("weight", J(stored.Weight), J(imported.Weight)),
                 })
            if (theirs != ours)
                conflicts.Add(file.MilestoneKey(mrow, field),
                    $"differs from {stored.Id} as stored; an import changes only a milestone's progress, status, evidence and dates.");
    }
}
