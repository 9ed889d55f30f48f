using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Commitments;

/// <summary>No write is ever lost silently: racing writers either land or get 409.</summary>
public sealed class ConcurrencyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const int Writers = 20;

    private async Task<(string id, string milestone)> CommitmentWithMilestone(string member)
    {
        var id = await api.MadeCommitment(member);
        var added = await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        return (id, added["milestones"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_if_match_every_racing_write_lands_on_fresh_state()
    {
        var (id, milestone) = await CommitmentWithMilestone("GE");
        var responses = await Task.WhenAll(Enumerable.Range(1, Writers).Select(i =>
            api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones/{milestone}/progress", new { percent = i })));

        // Without If-Match the writers queue on the stream's row lock: every one lands, none is lost.
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var session = api.Store.QuerySession();
        var reports = (await session.Events.FetchStreamAsync(id)).Count(e => e.EventTypeName == "milestone_progress_reported");
        Assert.Equal(Writers, reports);

        var final = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Json();
        Assert.Equal(2 + reports, final["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task With_the_same_if_match_exactly_one_racing_write_lands()
    {
        var (id, milestone) = await CommitmentWithMilestone("AM");
        var etag = (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Headers.ETag!.Tag;
        var responses = await Task.WhenAll(Enumerable.Range(1, Writers).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/commitments/{id}/milestones/{milestone}/progress")
                { Content = JsonContent.Create(new { percent = i }) };
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            return api.As(Caller.Admin).Send(request);
        }));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(Writers - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await using var session = api.Store.QuerySession();
        Assert.Equal(1, (await session.Events.FetchStreamAsync(id)).Count(e => e.EventTypeName == "milestone_progress_reported"));
    }

    [Fact]
    public async Task Racing_creators_without_ids_each_get_the_next_free_id()
    {
        var plan = await api.OpenPlan("MD");
        var made = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())));
        var ids = await Task.WhenAll(made.Select(async r => (await r.Expect(HttpStatusCode.Created))["id"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"MD{i:D4}"), ids.Order());

        var drafted = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("MD", "2026-01-01", "2027-12-31"))));
        var plans = await Task.WhenAll(drafted.Select(async r => (await r.Expect(HttpStatusCode.Created))["id"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(2, 6).Select(i => $"MD-AP{i}"), plans.OrderBy(p => int.Parse(p[5..])));
    }

    [Fact]
    public async Task A_client_chosen_id_that_is_taken_stays_a_conflict()
    {
        var plan = await api.OpenPlan("KG");
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment("KG0007"))).Expect(HttpStatusCode.Created);
        var before = await api.EventCount();
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment("KG0007"))).Expect(HttpStatusCode.Conflict);
        Assert.Equal(before, await api.EventCount());
    }

    [Theory]
    [InlineData("milestone")]
    [InlineData("commitment")]
    public async Task An_addition_racing_a_plan_move_waits_for_it_and_is_decided_on_the_moved_plan(string what)
    {
        var member = what == "milestone" ? "AZ" : "AM";
        var commitment = await api.MadeCommitment(member);
        var plan = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{commitment}")).Json())["planId"]!.GetValue<string>();

        // A plan move that has written the plan's read model and not yet committed.
        await using var connection = new Npgsql.NpgsqlConnection(await PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var move = await connection.BeginTransactionAsync();
        await using (var update = new Npgsql.NpgsqlCommand(
            $"update {api.Schema}.mt_doc_actionplan set data = jsonb_set(data, '{{Status}}', '\"Ended\"') where id = @id", connection, move))
        {
            update.Parameters.AddWithValue("id", plan);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var addition = what == "milestone"
            ? api.As(Caller.Admin).Post($"/api/commitments/{commitment}/milestones", Given.Milestone())
            : api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment());
        // PostgreSQL itself says the addition waits on the move's transaction: a condition, not a pause that passes when
        // the addition is merely slow to start.
        await using var probe = new Npgsql.NpgsqlConnection(await PostgresServer.ConnectionString);
        await probe.OpenAsync();
        await Eventually.Holds(async () =>
        {
            if (addition.IsCompleted) return true;
            await using var waiting = new Npgsql.NpgsqlCommand("select count(*) from pg_stat_activity where @move = any(pg_blocking_pids(pid))", probe);
            waiting.Parameters.AddWithValue("move", connection.ProcessID);
            return (long)(await waiting.ExecuteScalarAsync())! > 0;
        }, TimeSpan.FromSeconds(60));
        Assert.False(addition.IsCompleted, "the addition must wait for the plan move in flight");

        await move.CommitAsync();
        var problem = await (await addition).Expect(HttpStatusCode.Conflict);
        Assert.Contains("Ended", problem["detail"]!.GetValue<string>());
    }
}
