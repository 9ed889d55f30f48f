using CommitmentTracker.Features.Documents;

namespace CommitmentTracker.Features.CoCreation;

/// <summary>The level of public influence on the IAP2 spectrum, as the IRM assesses co-creation.</summary>
public enum InfluenceLevel { NoConsultation, Inform, Consult, Involve, Collaborate, Empower }

/// <summary>How many took part in a forum meeting, by sector.</summary>
public sealed record Participants(int Government, int CivilSociety, int PrivateSector, int Academia, int Other)
{
    public int Total => Government + CivilSociety + PrivateSector + Academia + Other;
}

/// <summary>One meeting of the multi-stakeholder forum, with its minutes (a link or an uploaded document).</summary>
public sealed record ForumMeeting(string Id, DateOnly Date, Participants Participants, LinkOrDocument Minutes);

/// <summary>A plan's co-creation facts; each change is an event on the plan's stream, with its reason.</summary>
public sealed record CoCreationRecord(InfluenceLevel? InfluenceLevel, bool? ForumExists, ForumMeeting[] Meetings, LinkOrDocument? ReasonedResponse)
{
    public static readonly CoCreationRecord Empty = new(null, null, [], null);
}
