extern alias generator;
using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Api.Tests.Infrastructure;
using Marten;
using Npgsql;
using GeneratorOptions = generator::CommitmentTracker.Generator.GeneratorOptions;
using Rebuild = generator::CommitmentTracker.Generator.Rebuild;

namespace CommitmentTracker.Api.Tests.Features.Operations;

/// <summary>
/// The rebuild tool (one pass over the events, COPY into emptied tables) must write exactly what the inline projections
/// wrote: every column of every read-model row but the modification time.
/// </summary>
public sealed class RebuildTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] ReadModels = ["mt_doc_member", "mt_doc_actionplan", "mt_doc_commitment", "mt_doc_commitmentsearch", "mt_doc_csoassessment"];

    [Fact]
    public async Task Rebuilt_read_models_equal_the_inline_ones_column_for_column()
    {
        await Lifecycle("GE");
        await Lifecycle("AM");
        var before = await Fingerprints();
        Assert.All(before, f => Assert.NotEqual(0, f.Value.Rows));

        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var wipe = new NpgsqlCommand($"update {api.Schema}.mt_doc_commitment set data = jsonb_set(data, '{{Progress}}', '0')", connection);
            Assert.True(await wipe.ExecuteNonQueryAsync() > 0);
        }
        Assert.NotEqual(before["mt_doc_commitment"], (await Fingerprints())["mt_doc_commitment"]); // the fingerprint sees a change

        var options = new GeneratorOptions("rebuild", 0, 0, 0, 0, api.ConnectionString, api.Schema, null, "");
        await new Rebuild((DocumentStore)api.Store, options).RunAsync(CancellationToken.None);

        Assert.Equal(before, await Fingerprints());
        await (await api.As(Caller.Anonymous).Get("/api/commitments?q=" + Uri.EscapeDataString("მონიტორინგი"))).Expect(HttpStatusCode.OK);
    }

    /// <summary>Every kind of event the read models fold: milestones, progress, a reschedule, revisions, completion, IRM, CSO.</summary>
    private async Task Lifecycle(string member)
    {
        var id = await api.MadeCommitment(member);
        var added = await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        var milestone = added["milestones"]![0]!["id"]!.GetValue<string>();
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", Given.Milestone("2024-02-01", "2025-06-30"))).Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones/{milestone}/progress", new { percent = 40 })).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones/{milestone}/reschedule",
            new { start = "2024-01-01", due = "2025-03-31", reason = "Procurement took longer" })).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Admin).Patch($"/api/commitments/{id}", new { title = new { ka = "ღია ბიუჯეტები", en = "Revised: open budgets" } })).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones/{milestone}/progress", new { percent = 70 })).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/completion", new { completion = "Substantial", reason = "Portal launched" })).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/assessments/irm", new { results = new { completion = "Limited", didItOpenGovernment = "Marginal" } })).Expect(HttpStatusCode.OK);
        var cso = await (await api.As(Caller.Admin).Post("/api/api-keys", new { name = "watchdog", role = "cso", organisation = $"Watchdog {member}" })).Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Key(cso["secret"]!.GetValue<string>())).Post($"/api/commitments/{id}/assessments/cso",
            new { completion = "Limited", comment = "Portal lacks data" })).Expect(HttpStatusCode.Created);
    }

    private async Task<Dictionary<string, (long Rows, string Hash)>> Fingerprints()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var prints = new Dictionary<string, (long, string)>();
        foreach (var table in ReadModels)
        {
            await using var command = new NpgsqlCommand(
                $"select count(*), coalesce(md5(string_agg((to_jsonb(t) - 'mt_last_modified')::text, '|' order by t.id)), '') from {api.Schema}.{table} t", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            prints[table] = (reader.GetInt64(0), reader.GetString(1));
        }
        return prints;
    }
}
