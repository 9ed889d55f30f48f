using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.MilestoneAssessments;
using CommitmentTracker.Infrastructure.Http;

namespace CommitmentTracker.Api.Tests.Features.Commitments.Write;

/// <summary>
/// Every Commitment and Assessment command, pure: given the events of a stream, when a command, then these events (or
/// this refusal). No host, no database.
/// </summary>
public sealed class CommitmentDeciderTests
{
    private const string By = "key:poc";
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ActionPlan Plan = new("GE-AP6", "GE", 6, new() { ["ka"] = "გეგმა" }, new Period(new(2024, 1, 1), new(2025, 12, 31)), "ka",
        ActionPlanStatus.Implementation, Now, "key:admin");
    private static readonly Institution Lead = new("Administration of the Government", InstitutionKind.Government);
    private static readonly CommitmentMade Made = new("GE0066", Plan.Id, "GE", "ka", new() { ["ka"] = "მონიტორინგი" }, null, null, null, Lead, [],
        [PolicyArea.AntiCorruption], [OgpValue.CivicParticipation], false, By, Now);
    private static readonly MilestoneAdded Due = new("GE0066", "GE0066-M1", new() { ["ka"] = "ანგარიში" }, null, null, new(2024, 1, 1), new(2024, 6, 30), null, By, Now);
    private static readonly CommitmentWithdrawn Withdrawn = new("GE0066", Completion.NotStarted, "Merged", By, Now);

    private static Commitment Given(params object[] events) =>
        events.Skip(1).Aggregate(Commitment.Create((CommitmentMade)events[0]), (s, e) => e switch
        {
            CommitmentRevised r => s.Apply(r), MilestoneAdded m => s.Apply(m), MilestoneProgressReported p => s.Apply(p),
            MilestoneRescheduled r => s.Apply(r), CommitmentCompletionChanged c => s.Apply(c), IrmDesignAssessed d => s.Apply(d),
            IrmResultsAssessed r => s.Apply(r), CommitmentWithdrawn w => s.Apply(w), _ => throw new ArgumentException(e.GetType().Name),
        });

    private static T Then<T>(object[] events) => Assert.IsType<T>(Assert.Single(events));

    [Fact]
    public void Make_in_an_open_plan_takes_the_plans_member_and_language()
    {
        var made = MakeCommitment.Decide(new(new MakeCommitment(null, new() { ["ka"] = "მონიტორინგი" }, null, null, null, Lead, null,
            [PolicyArea.Justice, PolicyArea.Justice], null, null), Plan, "GE0067", By, Now));
        Assert.Equal(("GE0067", "GE", "ka", By, Now), (made.CommitmentId, made.MemberCode, made.DefaultLanguage, made.By, made.At));
        Assert.Equal([PolicyArea.Justice], made.PolicyAreas);
    }

    [Fact]
    public void Make_names_each_missing_field_and_refuses_a_closed_plan()
    {
        var body = new MakeCommitment(null, new() { ["en"] = "Monitoring" }, null, null, null, null, null, null, null, null);
        var invalid = Assert.Throws<ValidationFailed>(() => MakeCommitment.Decide(new(body, Plan, "GE0067", By, Now)));
        Assert.Equal(["leadInstitution", "policyAreas", "title"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Throws<RuleConflict>(() => MakeCommitment.Decide(new(body, Plan with { Status = ActionPlanStatus.Ended }, "GE0067", By, Now)));
    }

    [Fact]
    public void Revise_changes_only_what_it_names()
    {
        var revised = Then<CommitmentRevised>(ReviseCommitment.Decide(Given(Made), new(new(null, null, null, null, null, null, [PolicyArea.Health], null), By, Now)));
        Assert.Equal([PolicyArea.Health], revised.PolicyAreas);
        Assert.Null(revised.Title);
        Assert.Equal(By, revised.By);
        Assert.Contains("body", Assert.Throws<ValidationFailed>(() =>
            ReviseCommitment.Decide(Given(Made), new(new(null, null, null, null, null, null, null, null), By, Now))).Errors.Keys);
    }

    [Fact]
    public void Add_milestone_numbers_it_and_needs_an_open_plan()
    {
        var body = new AddMilestone(new() { ["ka"] = "ანგარიში" }, null, " Ministry of Justice ", new(2024, 1, 1), new(2024, 12, 31), 2);
        var added = Then<MilestoneAdded>(AddMilestone.Decide(Given(Made, Due), new(body, Plan, By, Now)));
        Assert.Equal(("GE0066-M2", "Ministry of Justice"), (added.MilestoneId, added.ResponsibleInstitution));
        Assert.Throws<RuleConflict>(() => AddMilestone.Decide(Given(Made), new(body, Plan with { Status = ActionPlanStatus.Ended }, By, Now)));
        Assert.Contains("due", Assert.Throws<ValidationFailed>(() =>
            AddMilestone.Decide(Given(Made), new(body with { Due = new(2023, 1, 1) }, Plan, By, Now))).Errors.Keys);
    }

    // The milestone statuses are OCDS's (scheduled, met, notMet, partiallyMet): without one, 100% is Met; below that
    // Scheduled until the due date, then PartiallyMet with some progress and NotMet with none.
    [Theory]
    [InlineData(100, "2024-06-01", MilestoneStatus.Met)]
    [InlineData(40, "2024-06-30", MilestoneStatus.Scheduled)]
    [InlineData(40, "2024-07-01", MilestoneStatus.PartiallyMet)]
    [InlineData(0, "2024-07-01", MilestoneStatus.NotMet)]
    public void Progress_without_a_status_follows_the_ocds_status_rule(int percent, string day, MilestoneStatus expected)
    {
        var at = new DateTimeOffset(DateOnly.Parse(day).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var reported = Then<MilestoneProgressReported>(ReportMilestoneProgress.Decide(Given(Made, Due), new("ge0066-m1", new(percent, null, null, null), By, at)));
        Assert.Equal((expected, MilestoneStatus.Scheduled, percent, at), (reported.Status, reported.PreviousStatus, reported.Percent, reported.At));
    }

    [Fact]
    public void Progress_refuses_a_status_that_contradicts_the_percent_and_an_unknown_milestone()
    {
        var s = Given(Made, Due);
        Assert.Contains("status", Assert.Throws<ValidationFailed>(() =>
            ReportMilestoneProgress.Decide(s, new("GE0066-M1", new(60, MilestoneStatus.Met, null, null), By, Now))).Errors.Keys);
        Assert.Contains("status", Assert.Throws<ValidationFailed>(() =>
            ReportMilestoneProgress.Decide(s, new("GE0066-M1", new(100, MilestoneStatus.Scheduled, null, null), By, Now))).Errors.Keys);
        Assert.Throws<ResourceNotFound>(() => ReportMilestoneProgress.Decide(s, new("GE0066-M9", new(10, null, null, null), By, Now)));
    }

    [Fact]
    public void Reschedule_keeps_the_old_dates_and_needs_a_reason_and_a_change()
    {
        var moved = Then<MilestoneRescheduled>(RescheduleMilestone.Decide(Given(Made, Due), new("GE0066-M1", new(null, new(2024, 9, 30), " Budget late "), By, Now)));
        Assert.Equal((new DateOnly(2024, 6, 30), new DateOnly(2024, 9, 30), "Budget late"), (moved.PreviousDue, moved.Due, moved.Reason));
        var same = Assert.Throws<ValidationFailed>(() => RescheduleMilestone.Decide(Given(Made, Due), new("GE0066-M1", new(null, new(2024, 6, 30), null), By, Now)));
        Assert.Equal(["due", "reason"], same.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Completion_changes_from_what_it_was_and_never_to_withdrawn()
    {
        var changed = Then<CommitmentCompletionChanged>(ChangeCompletion.Decide(Given(Made), new(new(Completion.Limited, "Started", null), By, Now)));
        Assert.Equal((Completion.NotStarted, Completion.Limited), (changed.Previous, changed.Completion));
        Assert.Throws<RuleConflict>(() => ChangeCompletion.Decide(Given(Made), new(new(Completion.NotStarted, "Again", null), By, Now)));
        Assert.Contains("completion", Assert.Throws<ValidationFailed>(() =>
            ChangeCompletion.Decide(Given(Made), new(new(Completion.Withdrawn, "Dropped", null), By, Now))).Errors.Keys);
    }

    [Fact]
    public void Withdraw_needs_a_reason_and_happens_once()
    {
        var withdrawn = Then<CommitmentWithdrawn>(WithdrawCommitment.Decide(Given(Made), new(new(" Merged into GE0002 "), By, Now)));
        Assert.Equal("Merged into GE0002", withdrawn.Reason);
        Assert.Contains("reason", Assert.Throws<ValidationFailed>(() => WithdrawCommitment.Decide(Given(Made), new(new(null), By, Now))).Errors.Keys);
        Assert.Throws<RuleConflict>(() => WithdrawCommitment.Decide(Given(Made, Withdrawn), new(new("again"), By, Now)));
    }

    [Fact]
    public void A_withdrawn_commitment_refuses_every_government_and_irm_command()
    {
        var s = Given(Made, Due, Withdrawn);
        Assert.Throws<RuleConflict>(() => ReviseCommitment.Decide(s, new(new(null, null, null, null, null, null, [PolicyArea.Health], null), By, Now)));
        Assert.Throws<RuleConflict>(() => AddMilestone.Decide(s, new(new(new() { ["ka"] = "x" }, null, null, new(2024, 1, 1), new(2024, 2, 1), null), Plan, By, Now)));
        Assert.Throws<RuleConflict>(() => ReportMilestoneProgress.Decide(s, new("GE0066-M1", new(10, null, null, null), By, Now)));
        Assert.Throws<RuleConflict>(() => RescheduleMilestone.Decide(s, new("GE0066-M1", new(null, new(2024, 9, 1), "late"), By, Now)));
        Assert.Throws<RuleConflict>(() => ChangeCompletion.Decide(s, new(new(Completion.Limited, "x", null), By, Now)));
        Assert.Throws<RuleConflict>(() => RecordIrmAssessment.Decide(s, new(new(null, new(IrmCompletion.Limited, DidItOpenGovernment.Marginal, null, null)), By, Now)));
    }

    [Fact]
    public void A_cso_files_its_view_under_its_organisation_even_on_a_withdrawn_commitment()
    {
        var filed = CsoAssessmentDecide(Given(Made, Withdrawn), " Transparency International Georgia ");
        Assert.Equal(("GE0066~cso~transparency%20international%20georgia", "Transparency International Georgia", Completion.Limited, "Seen"),
            (filed.AssessmentId, filed.Organisation, filed.Completion, filed.Comment));
        Assert.Contains("organisation", Assert.Throws<ValidationFailed>(() => CsoAssessmentDecide(Given(Made), " ")).Errors.Keys);
    }

    private static CsoAssessmentFiled CsoAssessmentDecide(Commitment s, string organisation) =>
        FileCsoAssessment.Decide(s, new(new(Completion.Limited, " Seen ", null), organisation, "key:cso", Now));

    // Starred (OGP's rule): verifiable, open-government lens, substantial potential, substantially or fully complete.
    [Theory]
    [InlineData(true, true, PotentialForResults.Substantial, IrmCompletion.Complete, true)]
    [InlineData(true, true, PotentialForResults.Substantial, IrmCompletion.Substantial, true)]
    [InlineData(true, true, PotentialForResults.Modest, IrmCompletion.Complete, false)]
    [InlineData(false, true, PotentialForResults.Substantial, IrmCompletion.Complete, false)]
    [InlineData(true, false, PotentialForResults.Substantial, IrmCompletion.Complete, false)]
    [InlineData(true, true, PotentialForResults.Substantial, IrmCompletion.Limited, false)]
    public void The_irm_records_design_and_results_and_starred_follows_ogps_rule(bool verifiable, bool lens, PotentialForResults potential, IrmCompletion completion, bool starred)
    {
        var events = RecordIrmAssessment.Decide(Given(Made), new(new(new(verifiable, lens, potential, true, null),
            new(completion, DidItOpenGovernment.Major, null, null)), "key:irm", Now));
        Assert.Collection(events, e => Assert.IsType<IrmDesignAssessed>(e), e => Assert.IsType<IrmResultsAssessed>(e));
        Assert.Equal(starred, Given([Made, .. events]).Starred);
        Assert.Contains("body", Assert.Throws<ValidationFailed>(() => RecordIrmAssessment.Decide(Given(Made), new(new(null, null), "key:irm", Now))).Errors.Keys);
    }

    [Fact]
    public void Assess_milestone_files_into_the_organisations_stream_for_that_milestone()
    {
        var body = new AssessMilestone(MilestoneStatus.PartiallyMet, " ნახევარი შესრულდა ", null);
        var filed = AssessMilestone.Decide(Given(Made, Due), new(body, "ge0066-m1", " Transparency International Georgia ", "key:cso", Now));
        Assert.Equal((CsoMilestoneAssessment.IdFor("GE0066-M1", "Transparency International Georgia"), "GE0066", "GE0066-M1"),
            (filed.AssessmentId, filed.CommitmentId, filed.MilestoneId));
        Assert.Equal(("Transparency International Georgia", MilestoneStatus.PartiallyMet, "ნახევარი შესრულდა", "key:cso", Now),
            (filed.Organisation, filed.Status, filed.Comment, filed.By, filed.At));
        Assert.Empty(filed.Evidence);
    }

    [Fact]
    public void Assess_milestone_names_each_missing_field_and_an_unknown_milestone()
    {
        var invalid = Assert.Throws<ValidationFailed>(() => AssessMilestone.Decide(Given(Made, Due), new(new(null, " ", null), "GE0066-M1", " ", "key:cso", Now)));
        Assert.Equal(["comment", "organisation", "status"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Throws<ResourceNotFound>(() => AssessMilestone.Decide(Given(Made, Due), new(new(MilestoneStatus.Met, "x", null), "GE0066-M9", "TI", "key:cso", Now)));
    }
}
