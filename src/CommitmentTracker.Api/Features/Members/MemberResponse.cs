using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Features.Members;

/// <summary>A member as REST returns it: <c>name</c> in the requested language, every translation beside it.</summary>
public sealed record MemberResponse(
    string Code, MemberKind Kind, string? Name, IReadOnlyDictionary<string, string> NameTranslations,
    string Region, string DefaultLanguage, MemberStatus Status, DateTimeOffset RegisteredAt, int Version)
{
    public static MemberResponse From(Member m, IReadOnlyList<string> lang) => new(
        m.Id, m.Kind, LocalizedText.Resolve(m.Name, lang, m.DefaultLanguage), m.Name,
        m.Region, m.DefaultLanguage, m.Status, m.RegisteredAt, m.Version);
}
