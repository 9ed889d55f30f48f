using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Documents;

namespace CommitmentTracker.Features.CoCreation;

/// <summary>Record the plan's level of public influence (IAP2) and whether a multi-stakeholder forum exists.</summary>
public sealed record RecordCoCreationLevel([property: Required] InfluenceLevel? InfluenceLevel, [property: Required] bool? ForumExists, [property: Required] string? Reason);

/// <summary>Record a forum meeting: its date (not in the future), participants by sector, and its minutes.</summary>
public sealed record RecordForumMeeting([property: Required] DateOnly? Date, [property: Required] ParticipantsInput? Participants, [property: Required] LinkOrDocument? Minutes, [property: Required] string? Reason);

public sealed record ParticipantsInput(int? Government, int? CivilSociety, int? PrivateSector, int? Academia, int? Other);

/// <summary>Publish the plan's reasoned response: a url or a document uploaded to the plan.</summary>
public sealed record PublishReasonedResponse(string? Url, string? DocumentId, [property: Required] string? Reason);

/// <summary>The co-creation decisions: the plan's PoC or an admin, while the plan is in Draft or CoCreation.</summary>
public static class CoCreationDecider
{
    private const int MaxParticipants = 100_000;

    public static object[] Decide(ActionPlan plan, RecordCoCreationLevel c, string by, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.Required("influenceLevel", c.InfluenceLevel).Required("forumExists", c.ForumExists);
        errors.Defined("influenceLevel", c.InfluenceLevel);
        RequireReason(errors, c.Reason);
        errors.ThrowIfAny();
        EnsureOpen(plan);
        if (plan.CoCreation.InfluenceLevel == c.InfluenceLevel && plan.CoCreation.ForumExists == c.ForumExists)
            throw new RuleConflict($"Plan {plan.Id} already records {c.InfluenceLevel} with forumExists={c.ForumExists}.");
        return [new CoCreationLevelRecorded(plan.Id, c.InfluenceLevel!.Value, c.ForumExists!.Value, c.Reason!.Trim(), by, now)];
    }

    public static object[] Decide(ActionPlan plan, RecordForumMeeting c, string by, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.Required("date", c.Date);
        if (c.Date is { } date && date > DateOnly.FromDateTime(now.UtcDateTime)) errors.Add("date", "a meeting that took place cannot be in the future.");
        var participants = ValidateParticipants(errors, c.Participants);
        var minutes = References.Validate(errors, "minutes", c.Minutes, plan);
        RequireReason(errors, c.Reason);
        errors.ThrowIfAny();
        EnsureOpen(plan);
        var id = $"{plan.Id}-FM{plan.CoCreation.Meetings.Length + 1}";
        return [new ForumMeetingRecorded(plan.Id, id, c.Date!.Value, participants!, minutes!, c.Reason!.Trim(), by, now)];
    }

    public static object[] Decide(ActionPlan plan, PublishReasonedResponse c, string by, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var response = References.Validate(errors, "", new LinkOrDocument(c.Url, c.DocumentId), plan);
        RequireReason(errors, c.Reason);
        errors.ThrowIfAny();
        EnsureOpen(plan);
        if (plan.CoCreation.ReasonedResponse == response) throw new RuleConflict($"Plan {plan.Id} already points its reasoned response there.");
        return [new ReasonedResponsePublished(plan.Id, response!, c.Reason!.Trim(), by, now)];
    }

    private static Participants? ValidateParticipants(FieldErrors errors, ParticipantsInput? p)
    {
        if (p is null) { errors.Add("participants", "is required: how many took part, by sector."); return null; }
        (string Field, int? Value)[] sectors =
            [("government", p.Government), ("civilSociety", p.CivilSociety), ("privateSector", p.PrivateSector), ("academia", p.Academia), ("other", p.Other)];
        foreach (var (field, value) in sectors)
            if (value is < 0 or > MaxParticipants) errors.Add($"participants.{field}", $"must be between 0 and {MaxParticipants}.");
        var result = new Participants(p.Government ?? 0, p.CivilSociety ?? 0, p.PrivateSector ?? 0, p.Academia ?? 0, p.Other ?? 0);
        if (sectors.All(s => s.Value is null or 0)) errors.Add("participants", "at least one sector must count one participant.");
        return result;
    }

    private static void RequireReason(FieldErrors errors, string? reason) =>
        errors.Required("reason", reason).MaxLength("reason", reason, 5000);

    private static void EnsureOpen(ActionPlan plan)
    {
        if (!plan.IsBeingDrafted)
            throw new RuleConflict($"Action plan {plan.Id} is {plan.Status}; its co-creation record was frozen when it left CoCreation.");
    }
}
