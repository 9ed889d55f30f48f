using CommitmentTracker.Features.Commitments;
using System.Text.Json.Serialization;
using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Features.Dialogue.Responses;

/// <summary>
/// A government response beside the assessment it answers: <c>assessmentVersion</c> is the version it answered, and
/// <c>answersLatest</c> is false once the assessment was revised after it.
/// </summary>
public sealed record ResponseView(
    long AssessmentVersion, bool AnswersLatest, ResponseStance Stance, string? Text, IReadOnlyDictionary<string, string> TextTranslations,
    EvidenceLink[] Evidence, string ResponderName, string ResponderRole, string ResponderOrganisation, DateTimeOffset At)
{
    /// <summary>The commitment's default language, which GraphQL's text(lang) falls back to.</summary>
    [JsonIgnore] public string DefaultLanguage { get; init; } = "en";

    /// <summary>The responses given before <paramref name="cutoff"/>, against the assessment's version then.</summary>
    public static ResponseView[] Of(AssessmentResponses? stream, long currentVersion, DateTimeOffset cutoff, IReadOnlyList<string> lang, string defaultLanguage) =>
        stream is null ? [] : stream.Responses.Where(r => r.At < cutoff).Select(r => new ResponseView(
            r.AssessmentVersion, r.AssessmentVersion >= currentVersion, r.Stance, LocalizedText.Resolve(r.Text, lang, defaultLanguage), r.Text,
            r.Evidence, r.ResponderName, r.ResponderRole, r.ResponderOrganisation, r.At) { DefaultLanguage = defaultLanguage }).ToArray();
}
