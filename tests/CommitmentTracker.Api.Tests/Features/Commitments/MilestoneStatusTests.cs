using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Commitments;

/// <summary>
/// The status a progress report gives a milestone when it names none: Met at 100; before the due date Scheduled; after it
/// PartiallyMet with some progress, NotMet with none. Red when tried: NotMet never given (0% past due came back PartiallyMet).
/// </summary>
public sealed class MilestoneStatusTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("2024-12-31", 0, "Scheduled")]
    [InlineData("2024-12-31", 40, "Scheduled")]
    [InlineData("2024-03-31", 0, "NotMet")]
    [InlineData("2024-03-31", 40, "PartiallyMet")]
    [InlineData("2024-03-31", 100, "Met")]
    public async Task A_report_without_a_status_sets_it_from_the_percent_and_the_due_date(string due, int percent, string status)
    {
        api.Clock.Now = new DateTimeOffset(2024, 6, 1, 9, 0, 0, TimeSpan.Zero);
        var id = await api.MadeCommitment("GE");
        var added = await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", Given.Milestone("2024-01-01", due))).Expect(HttpStatusCode.Created);
        var milestone = added["milestones"]![0]!["id"]!.GetValue<string>();
        var reported = await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones/{milestone}/progress", new { percent })).Expect(HttpStatusCode.OK);
        Assert.Equal(status, reported["milestones"]![0]!["status"]!.GetValue<string>());
        var read = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(status, read["milestones"]![0]!["status"]!.GetValue<string>());
    }
}
