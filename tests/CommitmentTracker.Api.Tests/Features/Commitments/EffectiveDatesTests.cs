using System.Net;
using CommitmentTracker.Api.Tests.Features.Dialogue;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Commitments;

/// <summary>
/// A write may say when its change took effect (effectiveOn), so last year's progress can be entered with its real date:
/// asOf judges by that date, the history shows it beside the day it was recorded, and a day in the future, before the
/// plan's start or before the stream's latest change is a 400 naming effectiveOn that writes nothing.
/// </summary>
public sealed class EffectiveDatesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeOffset Recorded = new(2024, 9, 2, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Changes_entered_later_with_their_real_dates_are_judged_by_those_dates_and_keep_both_dates()
    {
        api.Clock.Now = Recorded;
        var plan = await api.OpenPlan("MD"); // runs 2024-01-01 .. 2025-12-31
        var admin = api.As(Caller.Admin);
        var made = await (await admin.Post($"/api/action-plans/{plan}/commitments", Merge(Given.Commitment(), "2024-01-15"))).Expect(HttpStatusCode.Created);
        var id = made["id"]!.GetValue<string>();
        Assert.StartsWith("2024-01-15", made["createdAt"]!.GetValue<string>());
        var added = await (await admin.Post($"/api/commitments/{id}/milestones", Merge(Given.Milestone(due: "2024-03-31"), "2024-01-20"))).Expect(HttpStatusCode.Created);
        var milestone = added["milestones"]![0]!["id"]!.GetValue<string>();
        // Judged on its effective day, before the due date: 50% is Scheduled (judged today it would be PartiallyMet).
        var progress = await (await admin.Post($"/api/commitments/{id}/milestones/{milestone}/progress",
            new { percent = 50, note = "Draft report", effectiveOn = "2024-02-10" })).Expect(HttpStatusCode.OK);
        Assert.Equal("Scheduled", progress["milestones"]![0]!["status"]!.GetValue<string>());
        await (await admin.Post($"/api/commitments/{id}/completion", new { completion = "Limited", reason = "Pilot in one region", effectiveOn = "2024-03-01" }))
            .Expect(HttpStatusCode.OK);
        var cso = api.As(Caller.Key(await api.KeyOf("cso", "Monitor", "Moldova Watch")));
        await (await cso.Post($"/api/commitments/{id}/assessments/cso", new { completion = "NotStarted", comment = "Nothing visible", effectiveOn = "2024-03-05" }))
            .Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Key(await api.Key("irm"))).Post($"/api/commitments/{id}/assessments/irm", new
            { design = new { verifiable = true, openGovernmentLens = true, potentialForResults = "Modest", promising = false }, effectiveOn = "2024-04-01" }))
            .Expect(HttpStatusCode.OK);

        async Task<string> AsOf(string day)
        {
            var c = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?asOf={day}")).Expect(HttpStatusCode.OK);
            var m = c["milestones"]![0]!;
            return $"{c["completion"]} {m["progress"]} {m["status"]} cso:{c["assessments"]!["cso"]!.AsArray().Count} irm:{c["assessments"]!["irm"] is not null}";
        }
        Assert.Equal("NotStarted 0 Scheduled cso:0 irm:False", await AsOf("2024-01-20"));
        Assert.Equal("NotStarted 50 Scheduled cso:0 irm:False", await AsOf("2024-02-10"));
        Assert.Equal("Limited 50 Scheduled cso:0 irm:False", await AsOf("2024-03-01"));
        Assert.Equal("Limited 50 Scheduled cso:1 irm:False", await AsOf("2024-03-05"));
        Assert.Equal("Limited 50 Scheduled cso:1 irm:True", await AsOf("2024-04-01"));
        await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?asOf=2024-01-14")).Expect(HttpStatusCode.NotFound);

        var history = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/history")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["2024-01-15", "2024-01-20", "2024-02-10", "2024-03-01", "2024-03-05", "2024-04-01"],
            history.Select(h => h!["at"]!.GetValue<string>()[..10]));
        Assert.All(history, h => Assert.StartsWith("20", h!["recordedAt"]!.GetValue<string>()));
        Assert.All(history, h => Assert.True(DateTimeOffset.Parse(h!["recordedAt"]!.GetValue<string>()) > DateTimeOffset.Parse(h["at"]!.GetValue<string>()).AddMonths(4)));
        var graph = (await api.As(Caller.Anonymous).GraphQL("query($id: ID!) { commitment(id: $id) { history { at recordedAt } } }", new { id }))["commitment"]!["history"]!.AsArray();
        Assert.Equal(history.Select(h => h!["recordedAt"]!.GetValue<string>()[..19]), graph.Select(h => h!["recordedAt"]!.GetValue<string>()[..19]));

        // Without effectiveOn (or with today's date) a write takes effect now.
        await (await admin.Post($"/api/commitments/{id}/milestones/{milestone}/progress", new { percent = 60, effectiveOn = "2024-09-02" })).Expect(HttpStatusCode.OK);
        var last = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/history")).Expect(HttpStatusCode.OK)).AsArray()[^1]!;
        Assert.Equal(Recorded, DateTimeOffset.Parse(last["at"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("2024-09-03", "must not be in the future; today is 2024-09-02.")]
    [InlineData("2023-12-31", "must not be before the action plan's start, 2024-01-01.")]
    [InlineData("2024-05-31", "must not be before 2024-06-01, the latest change already recorded here: enter changes in the order they took effect.")]
    public async Task A_day_in_the_future_before_the_plan_or_before_the_latest_change_is_a_400_naming_effectiveOn_that_writes_nothing(string day, string message)
    {
        api.Clock.Now = Recorded;
        var plan = await api.OpenPlan("MD");
        var made = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Merge(Given.Commitment(), "2024-06-01"))).Expect(HttpStatusCode.Created);
        var id = made["id"]!.GetValue<string>();
        var before = await api.EventCount();

        foreach (var (url, body) in new (string, object)[]
        {
            ($"/api/commitments/{id}/completion", new { completion = "Limited", reason = "Pilot", effectiveOn = day }),
            ($"/api/commitments/{id}/milestones", Merge(Given.Milestone(), day)),
        })
        {
            var problem = await (await api.As(Caller.Admin).Post(url, body)).Expect(HttpStatusCode.BadRequest);
            Assert.Equal([message], problem["errors"]!["effectiveOn"]!.AsArray().Select(m => m!.GetValue<string>()));
        }
        var future = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Merge(Given.Commitment(), "2024-09-03"))).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["effectiveOn"], future.ErrorFields());
        var format = await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/completion", new { completion = "Limited", reason = "Pilot", effectiveOn = "01/06/2024" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains("yyyy-MM-dd", format["errors"]!["effectiveOn"]![0]!.GetValue<string>());
        Assert.Equal(before, await api.EventCount());
    }

    /// <summary>The request body with effectiveOn added.</summary>
    internal static Dictionary<string, object?> Merge(object body, string effectiveOn)
    {
        var merged = body.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(body));
        merged["effectiveOn"] = effectiveOn;
        return merged;
    }
}
