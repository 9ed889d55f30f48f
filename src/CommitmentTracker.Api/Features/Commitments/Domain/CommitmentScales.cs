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

public sealed record EvidenceLink(string Url, string? Title, string? Type);
