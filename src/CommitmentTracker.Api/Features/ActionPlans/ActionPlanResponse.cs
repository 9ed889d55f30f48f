using CommitmentTracker.Features.CoCreation;
using CommitmentTracker.Features.Documents;
using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Features.ActionPlans;

/// <summary>An action plan as REST returns it: <c>title</c> in the requested language, every translation beside it, its co-creation record and its documents.</summary>
public sealed record ActionPlanResponse(
    string Id, string MemberCode, int Sequence, string? Title, IReadOnlyDictionary<string, string> TitleTranslations,
    Period Period, string DefaultLanguage, ActionPlanStatus Status, DateTimeOffset CreatedAt, int Version,
    CoCreationRecord CoCreation, IReadOnlyList<DocumentResponse> Documents)
{
    public static ActionPlanResponse From(ActionPlan p, IReadOnlyList<string> lang) => new(
        p.Id, p.MemberCode, p.Sequence, LocalizedText.Resolve(p.Title, lang, p.DefaultLanguage), p.Title,
        p.Period, p.DefaultLanguage, p.Status, p.CreatedAt, p.Version,
        p.CoCreation, p.Documents.Select(d => DocumentResponse.From(p.Id, d)).ToArray());
}
