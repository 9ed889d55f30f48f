using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Audit;

public sealed class AuditTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Admins_see_who_wrote_each_event_filtered_by_actor_and_time()
    {
        await api.RegisteredMember("GE");
        var poc = await api.Key("poc", "GE");
        var keyId = await KeyIdOf(poc);
        var client = api.As(Caller.Key(poc)).With("X-Request-ID", "req-audit-1").With("X-Correlation-ID", "corr-audit-1");
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var plan = await (await client.Post("/api/action-plans", Given.Plan("GE"))).Expect(HttpStatusCode.Created);

        var page = await (await api.As(Caller.Admin).Get($"/api/audit?actor=key:{keyId}")).Expect(HttpStatusCode.OK);
        var entry = Assert.Single(page["items"]!.AsArray())!;
        Assert.Equal(plan["id"]!.GetValue<string>(), entry["streamId"]!.GetValue<string>());
        Assert.Equal("poc", entry["role"]!.GetValue<string>());
        Assert.Equal("Test org", entry["organisation"]!.GetValue<string>());
        Assert.Equal("poc tester", entry["actorName"]!.GetValue<string>());
        Assert.Equal("req-audit-1", entry["requestId"]!.GetValue<string>());
        Assert.Equal("corr-audit-1", entry["correlationId"]!.GetValue<string>());
        // The event itself, as stored: its type, and the plan it drafted, by whom (red when data was left out or empty).
        Assert.Equal("action_plan_drafted", entry["type"]!.GetValue<string>());
        Assert.Equal(plan["id"]!.GetValue<string>(), entry["data"]!["planId"]!.GetValue<string>());
        Assert.Equal("სამოქმედო გეგმა", entry["data"]!["title"]!["ka"]!.GetValue<string>());
        Assert.Equal($"key:{keyId}", entry["data"]!["by"]!.GetValue<string>());

        var later = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));
        var none = await (await api.As(Caller.Admin).Get($"/api/audit?actor=key:{keyId}&from={later}")).Expect(HttpStatusCode.OK);
        Assert.Empty(none["items"]!.AsArray());
        var window = await (await api.As(Caller.Admin).Get($"/api/audit?from={Uri.EscapeDataString(from.ToString("O"))}&to={later}")).Expect(HttpStatusCode.OK);
        Assert.Contains(window["items"]!.AsArray(), e => e!["actor"]!.GetValue<string>() == $"key:{keyId}");
    }

    [Fact]
    public async Task Pages_follow_the_sequence_without_overlap()
    {
        for (var i = 0; i < 5; i++) await api.RegisteredMember("M" + (char)('A' + i));
        var first = await (await api.As(Caller.Admin).Get("/api/audit?limit=2")).Expect(HttpStatusCode.OK);
        var next = first["next"]!.GetValue<long>();
        var second = await (await api.As(Caller.Admin).Get($"/api/audit?limit=2&after={next}")).Expect(HttpStatusCode.OK);
        var sequences = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(e => e!["sequence"]!.GetValue<long>()).ToArray();
        Assert.Equal(4, sequences.Distinct().Count());
        Assert.Equal(sequences.Order(), sequences);
    }

    [Fact]
    public async Task Only_admins_read_the_audit_and_bad_ranges_are_field_errors()
    {
        await (await api.As(Caller.Anonymous).Get("/api/audit")).Expect(HttpStatusCode.Unauthorized);
        await (await api.As(Caller.Key(await api.Key("cso"))).Get("/api/audit")).Expect(HttpStatusCode.Forbidden);
        var problem = await (await api.As(Caller.Admin).Get("/api/audit?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z&limit=5000")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("to", problem.ErrorFields());
        Assert.Contains("limit", problem.ErrorFields());
    }

    private async Task<string> KeyIdOf(string secret)
    {
        var keys = await (await api.As(Caller.Admin).Get("/api/api-keys")).Json();
        var hash = CommitmentTracker.Infrastructure.Auth.ApiKey.Hash(secret);
        return keys.AsArray().Single(k => hash.StartsWith(k!["keyId"]!.GetValue<string>(), StringComparison.Ordinal))!["keyId"]!.GetValue<string>();
    }
}
