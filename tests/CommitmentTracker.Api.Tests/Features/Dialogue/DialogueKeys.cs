using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Dialogue;

// HttpClient, not Alba: keys are issued for every host, and the browser host (BrowserApi) answers on a Kestrel socket, which has no TestServer for Alba.
public static class DialogueKeys
{
    /// <summary>A key of this role, named and filed under this organisation.</summary>
    public static async Task<string> KeyOf(this ApiFactory api, string role, string name, string organisation, params string[] members)
    {
        var issued = await (await api.Admin().PostJson("/api/api-keys", new { name, role, organisation, members })).Expect(HttpStatusCode.Created);
        return issued["secret"]!.GetValue<string>();
    }

    /// <summary>A commitment of <paramref name="member"/> with one milestone; returns both ids.</summary>
    public static async Task<(string Commitment, string Milestone)> CommitmentWithMilestone(this ApiFactory api, string member)
    {
        var id = await api.MadeCommitment(member);
        var added = await (await api.Admin().PostJson($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        return (id, added["milestones"]![0]!["id"]!.GetValue<string>());
    }
}
