using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Features.Webhooks;
using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Infrastructure.Marten;
using JasperFx.Events;
using Npgsql;
using Xunit.Abstractions;

namespace CommitmentTracker.Api.Tests.Proofs;

/// <summary>
/// deploy/backup.sh and deploy/restore.sh, run as an operator would: every kind of event written, backed up, restored into
/// a fresh database; the restored store is equal row for row, and the change feed, the webhooks and the event sequence
/// go on from where the backup was taken. A restore into a database that is not empty is refused and changes nothing.
/// </summary>
public sealed class BackupRestoreTests(FastWebhooksApi api, ITestOutputHelper output) : IClassFixture<FastWebhooksApi>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_backup_restored_into_an_empty_database_is_the_same_store_and_goes_on_where_it_stopped()
    {
        await using var receiver = await WebhookReceiver.Start();
        var admin = api.As(Caller.Admin);
        var hook = await (await admin.Post("/api/webhooks", new { url = receiver.Url })).Expect(HttpStatusCode.Created);
        var from = hook["deliveredThrough"]!.GetValue<long>();
        var plan = await WriteEveryKindOfEvent(admin);

        var written = await Scalars(api.ConnectionString, $"select distinct type from {api.Schema}.mt_events where type <> 'tombstone'");
        var kinds = typeof(IDomainEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IDomainEvent).IsAssignableFrom(t)).Select(t => t.GetEventTypeName());
        Assert.Empty(kinds.Except(written)); // a new kind of event fails here until this test writes it
        var head = long.Parse((await Scalars(api.ConnectionString, $"select max(seq_id) from {api.Schema}.mt_events"))[0]);
        await Eventually.Holds(() => receiver.Delivered.Contains(head), Patience); // delivered through the head before the backup

        var dir = Directory.CreateTempSubdirectory("ct-backup-");
        var restoredDb = "restore_" + Guid.NewGuid().ToString("N")[..12];
        var restoredConnection = new NpgsqlConnectionStringBuilder(api.ConnectionString) { Database = restoredDb }.ConnectionString;
        try
        {
            var backup = await Run("backup.sh", api.ConnectionString, Path.Combine(dir.FullName, "store.dump"));
            Assert.True(backup.Exit == 0, backup.Error);
            var file = backup.Output.Trim();
            Assert.True(new FileInfo(file).Length > 0);
            var source = await Snapshot(api.ConnectionString);

            // Into the source database itself (not empty): refused, with a clear message, and nothing changed.
            var refused = await Run("restore.sh", api.ConnectionString, file);
            Assert.Equal(2, refused.Exit);
            Assert.Contains("is not empty", refused.Error);
            Assert.Contains("nothing was changed", refused.Error);
            Assert.Equal(source, await Snapshot(api.ConnectionString));

            await Execute(api.ConnectionString, $"create database {restoredDb}");
            var restore = await Run("restore.sh", restoredConnection, file);
            Assert.True(restore.Exit == 0, restore.Error);

            // Every table of the store, row for row: events (id, sequence, version, data, headers, …), streams, every read
            // model, keys, subscriptions, checkpoints, and where the event sequence stands.
            var restored = await Snapshot(restoredConnection);
            Assert.Equal(source.Keys.Order(), restored.Keys.Order());
            foreach (var (table, rows) in source) Assert.True(rows == restored[table], $"{table} differs after the restore");
            const string eventColumns = "id, seq_id, stream_id, version, type, data, headers, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, user_name";
            var events = $"select json_agg(e order by seq_id)::text from (select {eventColumns} from {api.Schema}.mt_events) e";
            Assert.Equal(await Scalars(api.ConnectionString, events), await Scalars(restoredConnection, events));
            output.WriteLine($"{head} events and {source.Count} tables restored; backup {new FileInfo(file).Length} bytes");

            await using var after = new RestoredApi(restoredConnection) { Schema = api.Schema, DropSchemaOnDispose = false };
            await ((IAsyncLifetime)after).InitializeAsync();
            var feedBefore = (await (await api.As(Caller.Anonymous).Get("/api/changes?after=0&limit=1000")).Expect(HttpStatusCode.OK))["items"]!.ToJsonString();
            Assert.Equal(feedBefore, (await (await after.As(Caller.Anonymous).Get("/api/changes?after=0&limit=1000")).Expect(HttpStatusCode.OK))["items"]!.ToJsonString());

            // The next append gets the next sequence; the feed and the webhook go on from there, with no gap and no repeat.
            await (await after.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created);
            var appended = (await Scalars(restoredConnection, $"select seq_id from {api.Schema}.mt_events where seq_id > {head} order by seq_id"))
                .Select(long.Parse).ToArray();
            Assert.NotEmpty(appended);
            Assert.Equal(Enumerable.Range(0, appended.Length).Select(i => head + 1 + i), appended);
            var next = (await (await after.As(Caller.Anonymous).Get($"/api/changes?after={head}")).Expect(HttpStatusCode.OK))["items"]!.AsArray();
            Assert.Equal(appended, next.Select(i => i!["sequence"]!.GetValue<long>()));

            await Eventually.Holds(() => receiver.Delivered.Contains(appended[^1]), Patience);
            var allEvents = (await Scalars(restoredConnection, $"select seq_id from {api.Schema}.mt_events where seq_id > {from} and type <> 'tombstone' order by seq_id"))
                .Select(long.Parse);
            Assert.Equal(allEvents, receiver.Delivered); // each once, in order, across the restore
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Execute(api.ConnectionString, $"drop database if exists {restoredDb} with (force)");
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Every kind of event the domain has, through the API as an admin; returns the open plan's id.</summary>
    private async Task<string> WriteEveryKindOfEvent(Scenarios admin)
    {
        var plan = await api.OpenPlan("GE");
        var commitment = (await (await admin.Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await admin.Patch($"/api/commitments/{commitment}", Body(new { objective = new { en = "Open data" } }))).Expect(HttpStatusCode.OK);
        var milestone = (await (await admin.Post($"/api/commitments/{commitment}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created))
            ["milestones"]!.AsArray()[^1]!["id"]!.GetValue<string>();
        var at = $"/api/commitments/{commitment}/milestones/{milestone}";
        await (await admin.Post($"{at}/progress", new { percent = 40, note = "Two regions" })).Expect(HttpStatusCode.OK);
        await (await admin.Post($"{at}/reschedule", new { due = "2025-06-30", reason = "Procurement delayed" })).Expect(HttpStatusCode.OK);
        await (await admin.Post($"/api/commitments/{commitment}/completion", new { completion = "Limited", reason = "Started" })).Expect(HttpStatusCode.OK);
        await (await admin.Post($"/api/commitments/{commitment}/assessments/irm",
            new
            {
                design = new { verifiable = true, openGovernmentLens = true, potentialForResults = "Modest", promising = false },
                results = new { completion = "Limited", didItOpenGovernment = "Marginal" },
            })).Expect(HttpStatusCode.OK);
        await (await admin.Post($"/api/commitments/{commitment}/assessments/cso", new { completion = "Limited", comment = "One region only" }))
            .Expect(HttpStatusCode.Created);
        // issue 16: the dialogue (responses to both assessments, a comment edited, hidden and restored, a CSO view of a milestone)
        await (await admin.Post($"/api/commitments/{commitment}/assessments/cso/OGP%20Support%20Unit/responses",
            new { stance = "Disputed", text = new { ka = "პორტალი მუშაობს" } })).Expect(HttpStatusCode.Created);
        await (await admin.Post($"/api/commitments/{commitment}/assessments/irm/responses", new { stance = "Accepted", text = new { en = "Agreed" } }))
            .Expect(HttpStatusCode.Created);
        await (await admin.Post($"{at}/assessments/cso", new { status = "PartiallyMet", comment = "One region" })).Expect(HttpStatusCode.Created);
        var comment = $"/api/commitments/{commitment}/comments/" +
                      (await (await admin.Post($"/api/commitments/{commitment}/comments", new { text = "When is the report due?" })).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await admin.Patch(comment, Body(new { text = "When is the final report due?" }))).Expect(HttpStatusCode.OK);
        await (await admin.Post($"{comment}/hide", new { reason = "Off topic" })).Expect(HttpStatusCode.OK);
        await (await admin.Post($"{comment}/restore", new { reason = "Appeal upheld" })).Expect(HttpStatusCode.OK);
        var withdrawn = (await (await admin.Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await admin.Post($"/api/commitments/{withdrawn}/withdraw", new { reason = "Merged into another" })).Expect(HttpStatusCode.OK);
        var csv = new StringContent("Commitment Unique Identifier,Title,Lead Institution,Policy Areas\nA,Open budgets,Ministry of Finance,FiscalOpenness\n",
            System.Text.Encoding.UTF8, "text/csv");
        await (await admin.Post($"/api/action-plans/{plan}/import", csv)).Expect(HttpStatusCode.OK);
        // issue 17: member and plan revisions, co-creation, documents (their bytes are in the store's schema too)
        await (await admin.Patch("/api/members/GE", Body(new { name = new { ka = "საქართველო" }, reason = "Official name" }))).Expect(HttpStatusCode.OK);
        await (await admin.Post("/api/members/GE/status", new { status = "UnderReview", reason = "Procedural review" })).Expect(HttpStatusCode.OK);
        await (await admin.Patch($"/api/action-plans/{plan}", Body(new { title = new { ka = "გეგმა" }, period = new { start = "2024-02-01", end = "2026-01-31" }, reason = "Cabinet" })))
            .Expect(HttpStatusCode.OK);
        await (await admin.Put($"/api/action-plans/{plan}/co-creation/level", Body(new { influenceLevel = "Involve", forumExists = true, reason = "Charter" }))).Expect(HttpStatusCode.OK);
        var document = (await (await admin.Post($"/api/action-plans/{plan}/documents", Features.Documents.Uploads.Form(Features.Documents.Uploads.Pdf, "minutes.pdf"))).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await admin.Post($"/api/action-plans/{plan}/co-creation/meetings",
            new { date = "2024-03-01", participants = new { government = 2 }, minutes = new { documentId = document }, reason = "Met" })).Expect(HttpStatusCode.OK);
        await (await admin.Put($"/api/action-plans/{plan}/co-creation/reasoned-response", Body(new { url = "https://gov.ge/rr", reason = "Published" }))).Expect(HttpStatusCode.OK);
        await (await admin.Post($"/api/action-plans/{plan}/documents/{document}/withdraw", new { reason = "Superseded" })).Expect(HttpStatusCode.OK);
        var other = await api.OpenPlan("AM");
        await (await admin.Post($"/api/action-plans/{other}/status", new { status = "CoCreation", reason = "Forum convened" })).Expect(HttpStatusCode.OK);
        return plan;
    }

    private static StringContent Body(object value) => new(HttpJson.Serialize(value), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Each table of the store's schema as its rows in a fixed order, and the event sequence's position.</summary>
    private async Task<Dictionary<string, string>> Snapshot(string connectionString)
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var table in await Scalars(connectionString, $"select tablename from pg_tables where schemaname = '{api.Schema}'"))
            snapshot[table] = (await Scalars(connectionString, $"select coalesce(json_agg(t order by t::text), '[]')::text from {api.Schema}.{table} t"))[0];
        snapshot["mt_events_sequence"] = (await Scalars(connectionString, $"select last_value || ' ' || is_called from {api.Schema}.mt_events_sequence"))[0];
        return snapshot;
    }

    private static async Task<List<string>> Scalars(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.IsDBNull(0) ? "" : Convert.ToString(reader.GetValue(0))!);
        return values;
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs deploy/SCRIPT with the app's connection string and schema, as an operator would.</summary>
    private async Task<(int Exit, string Output, string Error)> Run(string script, string connectionString, string argument)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repo.Root, "deploy", script), argument])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["Marten__Schema"] = api.Schema;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        output.WriteLine($"{script}: exit {process.ExitCode}; {(await stderr).Trim()}");
        return (process.ExitCode, await stdout, await stderr);
    }
}
