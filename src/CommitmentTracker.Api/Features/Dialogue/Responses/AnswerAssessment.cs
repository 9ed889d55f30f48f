using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Features.Commitments;

namespace CommitmentTracker.Features.Dialogue.Responses;

/// <summary>
/// A reasoned response to an assessment: a stance, a text in any languages and optional evidence. <c>assessmentVersion</c>
/// is the version of the assessment being answered (its ETag, or <c>assessments</c> in the view); omitted, the current one.
/// </summary>
public sealed record AnswerAssessment([property: Required] ResponseStance? Stance, [property: Required] Dictionary<string, string>? Text, EvidenceLink[]? Evidence, long? AssessmentVersion) : EffectiveWrite;
