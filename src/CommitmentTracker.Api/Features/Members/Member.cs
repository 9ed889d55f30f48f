namespace CommitmentTracker.Features.Members;

/// <summary>The member aggregate; Marten keeps it inline as the read model too.</summary>
public sealed record Member(
    string Id, MemberKind Kind, Dictionary<string, string> Name, string Region, string DefaultLanguage,
    DateTimeOffset RegisteredAt, string RegisteredBy)
{
    public int Version { get; set; }

    public MemberStatus Status { get; init; } = MemberStatus.Active;

    public static Member Create(MemberRegistered e) =>
        new(e.Code, e.Kind, e.Name, e.Region, e.DefaultLanguage, e.At, e.By);

    public Member Apply(MemberRenamed e) => this with { Name = e.To };

    public Member Apply(MemberStatusChanged e) => this with { Status = e.To };
}
