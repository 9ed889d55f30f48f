using CommitmentTracker.Features.CoCreation;
using CommitmentTracker.Features.Documents;

namespace CommitmentTracker.Features.ActionPlans;

/// <summary>The action plan aggregate; Marten keeps it inline as the read model too.</summary>
public sealed record ActionPlan(
    string Id, string MemberCode, int Sequence, Dictionary<string, string> Title, Period Period,
    string DefaultLanguage, ActionPlanStatus Status, DateTimeOffset CreatedAt, string CreatedBy)
{
    public int Version { get; set; }

    /// <summary>How the plan was co-created; writable while the plan is in Draft or CoCreation.</summary>
    public CoCreationRecord CoCreation { get; init; } = CoCreationRecord.Empty;

    /// <summary>The plan's public repository of uploaded files, withdrawn ones included (their bytes are no longer served).</summary>
    public PlanDocument[] Documents { get; init; } = [];

    /// <summary>Co-creation facts, the title and the period change only before the plan is submitted.</summary>
    public bool IsBeingDrafted => Status is ActionPlanStatus.Draft or ActionPlanStatus.CoCreation;

    public static string IdFor(string memberCode, int sequence) => $"{memberCode}-AP{sequence}";

    public static ActionPlan Create(ActionPlanDrafted e) =>
        new(e.PlanId, e.MemberCode, e.Sequence, e.Title, e.Period, e.DefaultLanguage, ActionPlanStatus.Draft, e.At, e.By);

    public ActionPlan Apply(ActionPlanMoved e) => this with { Status = e.To };

    public ActionPlan Apply(ActionPlanRetitled e) => this with { Title = e.To };

    public ActionPlan Apply(ActionPlanPeriodChanged e) => this with { Period = e.To };

    public ActionPlan Apply(CoCreationLevelRecorded e) => this with { CoCreation = CoCreation with { InfluenceLevel = e.InfluenceLevel, ForumExists = e.ForumExists } };

    public ActionPlan Apply(ForumMeetingRecorded e) => this with
    {
        CoCreation = CoCreation with { Meetings = [.. CoCreation.Meetings, new ForumMeeting(e.MeetingId, e.Date, e.Participants, e.Minutes)] },
    };

    public ActionPlan Apply(ReasonedResponsePublished e) => this with { CoCreation = CoCreation with { ReasonedResponse = e.Response } };

    public ActionPlan Apply(DocumentUploaded e) => this with
    {
        Documents = [.. Documents, new PlanDocument(e.DocumentId, e.Sha256, e.FileName, e.ContentType, e.Length, e.Title, e.By, e.At, null)],
    };

    public ActionPlan Apply(DocumentWithdrawn e) => this with
    {
        Documents = Documents.Select(d => d.Id == e.DocumentId ? d with { Withdrawn = new Withdrawal(e.Reason, e.By, e.At) } : d).ToArray(),
    };
}
