namespace CommitmentTracker.Features.Assessments;

public sealed record IrmDesign(bool Verifiable, bool OpenGovernmentLens, PotentialForResults PotentialForResults, bool Promising, string? Comment, DateTimeOffset At);

public sealed record IrmResults(IrmCompletion Completion, DidItOpenGovernment DidItOpenGovernment, string? Comment, DateTimeOffset At);

/// <summary>The IRM's verdict as it stands, kept on the commitment.</summary>
/// <param name="Revision">How many verdicts (design or results) the IRM has recorded: the version a government's response answers.</param>
public sealed record IrmAssessment(IrmDesign? Design, IrmResults? Results, int Revision = 0)
{
    /// <summary>
    /// Starred (OGP's rule): verifiable, relevant to an OGP value (open-government lens), substantial potential for
    /// results, and substantially or fully complete.
    /// </summary>
    public bool Starred => Design is { Verifiable: true, OpenGovernmentLens: true, PotentialForResults: PotentialForResults.Substantial }
                           && Results is { Completion: IrmCompletion.Substantial or IrmCompletion.Complete };
}
