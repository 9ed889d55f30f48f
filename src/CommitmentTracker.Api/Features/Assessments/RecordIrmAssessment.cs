using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Assessments;

public sealed record IrmDesignInput([property: Required] bool? Verifiable, [property: Required] bool? OpenGovernmentLens, [property: Required] PotentialForResults? PotentialForResults, [property: Required] bool? Promising, string? Comment);

public sealed record IrmResultsInput([property: Required] IrmCompletion? Completion, [property: Required] DidItOpenGovernment? DidItOpenGovernment, string? Comment, EvidenceLink[]? Evidence);

/// <summary>The IRM's design indicators, results indicators, or both.</summary>
public sealed record RecordIrmAssessment(IrmDesignInput? Design, IrmResultsInput? Results) : EffectiveWrite
{
    /// <summary>The command: what the client sent, who and when.</summary>
    public sealed record Command(RecordIrmAssessment Body, string By, DateTimeOffset Now);

    /// <summary>Kept on the commitment's own stream, so a withdrawn commitment refuses it (409).</summary>
    public static object[] Decide(Commitment s, Command command)
    {
        var c = command.Body;
        CommitmentRules.EnsureNotWithdrawn(s);
        var errors = new FieldErrors();
        if (c.Design is null && c.Results is null) errors.Add("body", "needs design, results, or both.");
        if (c.Design is { } d)
        {
            errors.Required("design.verifiable", d.Verifiable).Required("design.openGovernmentLens", d.OpenGovernmentLens)
                .Required("design.potentialForResults", d.PotentialForResults).Required("design.promising", d.Promising)
                .MaxLength("design.comment", d.Comment, 20000);
        }
        if (c.Results is { } r)
        {
            errors.Required("results.completion", r.Completion).Required("results.didItOpenGovernment", r.DidItOpenGovernment)
                .MaxLength("results.comment", r.Comment, 20000);
        }
        var evidence = CommitmentRules.Evidence(errors, c.Results?.Evidence, s.PlanId, "results.evidence");
        errors.ThrowIfAny();
        var events = new List<object>();
        if (c.Design is { } design)
            events.Add(new IrmDesignAssessed(s.Id, design.Verifiable!.Value, design.OpenGovernmentLens!.Value,
                design.PotentialForResults!.Value, design.Promising!.Value, design.Comment, command.By, command.Now));
        if (c.Results is { } results)
            events.Add(new IrmResultsAssessed(s.Id, results.Completion!.Value, results.DidItOpenGovernment!.Value, results.Comment,
                evidence, command.By, command.Now));
        return events.ToArray();
    }

    // POST /api/commitments/{id}/assessments/irm (irm role): appended to the commitment's stream.
    public static Task<Ok<CommitmentResponse>> Handle(string id, RecordIrmAssessment body, CommitmentWrites x) =>
        x.Write(id, body.EffectiveOn, (s, at) => Decide(s, new Command(body, x.Actor.Id, at)), _ => x.Actor.EnsureRole(Roles.Irm, Roles.Admin));
}
