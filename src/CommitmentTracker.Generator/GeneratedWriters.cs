using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Dialogue.Comments;
using CommitmentTracker.Features.Dialogue.Responses;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Features.MilestoneAssessments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Marten;
using JasperFx.Events;

namespace CommitmentTracker.Generator;

/// <summary>
/// Who wrote the generated events: the keys the stories write as, and the headers <c>ActorSessionFactory</c> stamps on an
/// API caller's events, so the timeline names a CSO, the IRM or the government's point of contact, not one generator for all.
/// </summary>
public static class GeneratedWriters
{
    public const string PocKey = "key:generator-poc";
    public const string CsoKey = "key:generator-cso";
    public const string IrmKey = "key:generator-irm";
    public const string CitizenKey = "key:generator-citizen";

    /// <summary>The name a point of contact writes under, in responses and replies as in the timeline.</summary>
    public const string PocName = "Point of contact";

    /// <param name="government">The organisation a point of contact writes for: the lead institution, or the member.</param>
    public static void Stamp(StreamAction stream, string government)
    {
        foreach (var e in stream.Events)
        {
            if (e.Data is not IDomainEvent d) continue;
            var (role, organisation, name) = Of(d, government);
            e.SetHeader("actor", d.By);
            e.SetHeader("actorName", name);
            e.SetHeader("role", role);
            e.SetHeader("organisation", organisation);
        }
    }

    /// <summary>The writer's role, organisation and name: what its API key would say.</summary>
    private static (string Role, string Organisation, string Name) Of(IDomainEvent e, string government) => e switch
    {
        CsoAssessmentFiled f => (Roles.Cso, f.Organisation, $"{f.Organisation} monitor"),
        CsoMilestoneAssessed m => (Roles.Cso, m.Organisation, $"{m.Organisation} monitor"),
        CommentPosted c => (c.AuthorRole, c.AuthorOrganisation, c.AuthorName),
        AssessmentAnswered a => (a.ResponderRole, a.ResponderOrganisation, a.ResponderName),
        IrmDesignAssessed or IrmResultsAssessed => (Roles.Irm, "Independent Reporting Mechanism", "IRM researcher"),
        MemberRegistered => (Roles.Admin, "OGP Support Unit", "OGP Support Unit staff"),
        _ => (Roles.Poc, government, PocName),
    };
}
