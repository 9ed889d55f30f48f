using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Dialogue;

public static class DialogueKeys
{
    /// <summary>A key of this role, named and filed under this organisation.</summary>
    public static async Task<string> KeyOf(this ApiFactory api, string role, string name, string organisation, params string[] members)
    {
        var issued = await (await api.As(Caller.Admin).Post("/api/api-keys", new { name, role, organisation, members })).Expect(HttpStatusCode.Created);
        return issued["secret"]!.GetValue<string>();
    }

    /// <summary>A commitment of <paramref name="member"/> with one milestone; returns both ids.</summary>
    public static async Task<(string Commitment, string Milestone)> CommitmentWithMilestone(this ApiFactory api, string member)
    {
        var id = await api.MadeCommitment(member);
        var added = await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        return (id, added["milestones"]![0]!["id"]!.GetValue<string>());
    }
}
