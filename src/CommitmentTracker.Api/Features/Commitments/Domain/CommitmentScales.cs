namespace CommitmentTracker.Features.Commitments;

// OGP's own scales, word for word.

/// <summary>The government's self-reported completion.</summary>
public enum Completion { NotStarted, Limited, Substantial, Complete, Withdrawn }

/// <summary>OCDS milestoneStatus.</summary>
public enum MilestoneStatus { Scheduled, Met, NotMet, PartiallyMet }

public enum OgpValue { AccessToInformation, CivicParticipation, PublicAccountability, TechnologyAndInnovation }

public enum PolicyArea
{
    AntiCorruption, AccessToInformation, Justice, PublicServiceDelivery, FiscalOpenness, OpenContracting,
    IntegrityInEducation, BusinessIntegrity, CivicSpace, Environment, Health, DigitalGovernance, OpenParliaments,
    Gender, BeneficialOwnership, LobbyingTransparency, Other,
}

public enum InstitutionKind { Government, Cso, Private, Multilateral }

public sealed record Institution(string Name, InstitutionKind Kind);

/// <summary>
/// A piece of evidence: a public link, or a document uploaded to the commitment's plan (<see cref="DocumentId"/>; its
/// <c>url</c> is then the document's download path, which the server fills in).
/// </summary>
public sealed record EvidenceLink(string Url, string? Title, string? Type)
{
    /// <summary>A document of the commitment's plan, like GE-AP5-D3, instead of a url.</summary>
    public string? DocumentId { get; init; }
}

/// <summary>An event that cites evidence, which may point to the plan's documents (checked on write).</summary>
public interface IHasEvidence
{
    string CommitmentId { get; }
    EvidenceLink[] Evidence { get; }

    /// <summary>The request field the evidence came from, for an error about it.</summary>
    string EvidenceField => "evidence";
}
