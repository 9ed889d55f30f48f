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
/// Who each generated event says wrote it, in the headers <c>ActorSessionFactory</c> stamps on an API caller's events:
/// the timeline then names a CSO, the IRM or the government's point of contact, not one generator for all.
/// </summary>
public static class GeneratedWriters
{
    public const string Irm = "Independent Reporting Mechanism";
    public const string SupportUnit = "OGP Support Unit";

    /// <param name="government">The organisation a point of contact writes for: the lead institution, or the member.</param>
    public static void Stamp(StreamAction stream, string government)
    {
        foreach (var e in stream.Events)
        {
            if (e.Data is not IDomainEvent d) continue;
            var (role, organisation) = Of(d, government);
            e.SetHeader("actor", d.By);
            e.SetHeader("actorName", d switch
            {
                CommentPosted c => c.AuthorName,
                AssessmentAnswered a => a.ResponderName,
                _ => NameOf(role, organisation),
            });
            e.SetHeader("role", role);
            e.SetHeader("organisation", organisation);
        }
    }

    /// <summary>What the writer's API key would be called: the point of contact of the lead institution, a CSO's monitor.</summary>
    private static string NameOf(string role, string organisation) => role switch
    {
        Roles.Poc => "Point of contact",
        Roles.Cso => $"{organisation} monitor",
        Roles.Irm => "IRM researcher",
        _ => "OGP Support Unit staff",
    };

    private static (string Role, string Organisation) Of(IDomainEvent e, string government) => e switch
    {
        CsoAssessmentFiled f => (Roles.Cso, f.Organisation),
        CsoMilestoneAssessed m => (Roles.Cso, m.Organisation),
        CommentPosted c => (c.AuthorRole, c.AuthorOrganisation),
        AssessmentAnswered a => (a.ResponderRole, a.ResponderOrganisation),
        IrmDesignAssessed or IrmResultsAssessed => (Roles.Irm, Irm),
        MemberRegistered => (Roles.Admin, SupportUnit),
        _ => (Roles.Poc, government),
    };
}
