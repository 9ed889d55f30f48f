using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Webhooks;

public sealed class WebhookTargetTests(GuardedWebhooksApi api) : IClassFixture<GuardedWebhooksApi>
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    public async Task Internal_addresses_are_refused_when_subscribing(string url)
    {
        var problem = await (await api.As(Caller.Admin).Post("/api/webhooks", new { url })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("url", problem.ErrorFields());
    }

    [Fact]
    public async Task A_target_that_turns_inward_after_subscribing_is_refused_when_the_worker_connects()
    {
        await using var receiver = await WebhookReceiver.Start();
        var created = await (await api.As(Caller.Admin).Post("/api/webhooks", new { url = "http://203.0.113.10/hook" })).Expect(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        // What DNS rebinding amounts to: the name the subscription passed with now leads to this machine's loopback.
        await using (var connection = new Npgsql.NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var update = new Npgsql.NpgsqlCommand(
                $"update {api.Schema}.mt_doc_webhooksubscription set data = jsonb_set(data, '{{Url}}', to_jsonb(@url::text)) where id = @id::uuid", connection);
            update.Parameters.AddWithValue("url", receiver.Url);
            update.Parameters.AddWithValue("id", id);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }
        await api.RegisteredMember("GE");

        string[] errors = [];
        await Eventually.Holds(async () =>
        {
            var log = await (await api.As(Caller.Admin).Get($"/api/webhooks/{id}/deliveries")).Json();
            errors = log["items"]!.AsArray().Select(d => d!["error"]?.GetValue<string>() ?? "").Where(e => e.Length > 0).ToArray();
            return errors.Length > 0;
        }, TimeSpan.FromSeconds(10));
        Assert.Contains(errors, e => e.Contains("internal addresses", StringComparison.Ordinal));
        Assert.Empty(receiver.Requests);
    }
}
