using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;

namespace CommitmentTracker.Features.Dialogue.Responses;

public sealed record AssessmentResponse(
    long AssessmentVersion, ResponseStance Stance, Dictionary<string, string> Text, EvidenceLink[] Evidence, string ResponderName,
    string ResponderRole, string ResponderOrganisation, string By, DateTimeOffset At);

/// <summary>
/// The government's responses to one assessment, in a stream of their own ({assessment stream}~responses, or
/// {commitment}~irm~responses): a PoC answering never contends with the CSO revising, nor with the commitment's writers.
/// </summary>
public sealed record AssessmentResponses(
    string Id, string CommitmentId, AnsweredAssessment Assessment, string? Organisation, AssessmentResponse[] Responses)
{
    public int Version { get; set; }

    public static string StreamFor(string commitmentId, AnsweredAssessment assessment, string? organisation) => assessment switch
    {
        AnsweredAssessment.Cso => $"{CsoAssessment.IdFor(commitmentId, organisation!)}~responses",
        _ => $"{commitmentId}~irm~responses",
    };

    public static AssessmentResponses Create(AssessmentAnswered e) => new(e.ResponsesId, e.CommitmentId, e.Assessment, e.Organisation, [Entry(e)]);

    public AssessmentResponses Apply(AssessmentAnswered e) => this with { Responses = [.. Responses, Entry(e)] };

    private static AssessmentResponse Entry(AssessmentAnswered e) => new(e.AssessmentVersion, e.Stance, e.Text, e.Evidence, e.ResponderName,
        e.ResponderRole, e.ResponderOrganisation, e.By, e.At);
}
