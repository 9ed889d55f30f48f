using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Infrastructure.Observability;

public sealed class SecretsInLogsTests(VerboseLogsApi api) : IClassFixture<VerboseLogsApi>
{
    [Fact]
    public async Task Api_keys_and_webhook_secrets_never_reach_the_logs_even_at_trace_level()
    {
        await api.RegisteredMember("GE");
        var poc = await api.Key("poc", "GE");
        await (await api.As(Caller.Key(poc)).Post("/api/action-plans", Given.Plan("GE"))).Expect(HttpStatusCode.Created);
        var bearer = api.As(Caller.Bearer(poc));
        await (await bearer.Post("/api/action-plans", Given.Plan("GE", "2024-01-01", "2025-12-31"))).Expect(HttpStatusCode.Created);
        const string wrongKey = "not-a-key-but-still-a-secret-4242";
        await (await api.As(Caller.Key(wrongKey)).Post("/api/action-plans", Given.Plan("GE"))).Expect(HttpStatusCode.Unauthorized);

        // A subscription whose deliveries fail (nothing listens on port 9): the dispatcher signs and logs every attempt.
        var hook = await (await api.As(Caller.Admin).Post("/api/webhooks", new { url = "http://127.0.0.1:9/hook" })).Expect(HttpStatusCode.Created);
        var signingSecret = hook["secret"]!.GetValue<string>();
        await (await api.As(Caller.Key(poc)).Post("/api/action-plans", Given.Plan("GE", "2026-01-01", "2027-12-31"))).Expect(HttpStatusCode.Created);
        await Until(() => api.Logs.Lines.Any(l => l.Contains("127.0.0.1:9")));

        var logs = api.Logs.Lines;
        Assert.Contains(logs, l => l.Contains("/api/action-plans")); // the requests were logged, with their scopes
        foreach (var secret in new[] { poc, ApiFactory.AdminKey, wrongKey, signingSecret })
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.Ordinal));
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 100 && !condition(); attempt++) await Task.Delay(100);
        Assert.True(condition(), "the webhook dispatcher never tried a delivery");
    }
}
