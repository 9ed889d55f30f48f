using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosting;

/// <summary>
/// The service in its own process, as deployed: its log lines and what SIGTERM does to a request still arriving.
/// </summary>
// HttpClient, not Alba: the service runs in another process, reached over a real socket.
public sealed class ServiceProcessTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string> RequestLogs = new()
    {
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
    };

    [Fact]
    public async Task Every_log_line_is_one_json_object_with_the_request_scope_and_no_key_secret()
    {
        const string member = "AZ";
        await api.RegisteredMember(member);
        await using var service = await ServiceProcess.Start(api.Schema, RequestLogs);
        using var client = service.AdminClient();
        var made = await client.PostAsJsonAsync("/api/api-keys", new { name = "Logged", role = "cso", organisation = "Transparency AZ" });
        var secret = (await made.Expect(HttpStatusCode.Created))["secret"]!.GetValue<string>();
        await (await client.GetAsync($"/api/members/{member}")).Expect(HttpStatusCode.OK);
        await Eventually.Holds(() => Lines(service).Any(l => Path(l) == $"/api/members/{member}"), Patience);

        var lines = Lines(service);
        Assert.All(lines, l =>
        {
            foreach (var field in new[] { "Timestamp", "LogLevel", "Category", "Message" }) Assert.True(l.ContainsKey(field), $"no {field} in {l.ToJsonString()}");
            Assert.EndsWith("Z", l["Timestamp"]!.GetValue<string>());
        });
        var request = lines.First(l => Path(l) == "/api/api-keys");
        // Scopes are separate objects (the request's, the activity's); what matters is that the line carries them all.
        var scope = request["Scopes"]!.AsArray().OfType<JsonObject>().SelectMany(s => s).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value);
        Assert.Matches("^[0-9A-Z]+:[0-9A-F]{8}$", scope["RequestId"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{32}$", scope["TraceId"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{16}$", scope["SpanId"]!.GetValue<string>());
        var output = string.Join('\n', service.Output);
        Assert.DoesNotContain(ApiFactory.AdminKey, output);
        Assert.DoesNotContain(secret, output);
    }

    [Fact]
    public async Task On_SIGTERM_a_request_still_arriving_is_finished_and_stored_before_the_process_exits_cleanly()
    {
        const string member = "KG";
        await api.RegisteredMember(member);
        await using var service = await ServiceProcess.Start(api.Schema, RequestLogs);
        using var client = service.AdminClient();
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Given.Plan(member, "2024-01-01", "2025-12-31", title: "Кыргызстандын иш-аракет планы")));
        var rest = new TaskCompletionSource();
        var posting = client.PostAsync("/api/action-plans", new HeldBackContent(body, half: body.Length / 2, rest.Task));

        // The server has the request (its headers and half its body) when it logs it; then it is told to stop.
        await Eventually.Holds(() => Lines(service).Any(l => Path(l) == "/api/action-plans"), Patience);
        // The pause lets the endpoint start reading the body first: the order in which a half-read body once got 499.
        await Task.Delay(TimeSpan.FromSeconds(1));
        service.Terminate();
        await Eventually.Holds(() => service.Output.Any(l => l.Contains("Application is shutting down")), Patience);
        rest.SetResult();

        var created = await (await posting).Expect(HttpStatusCode.Created);
        Assert.Equal(0, await service.Exited(Patience));
        var stored = await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{created["id"]!.GetValue<string>()}")).Expect(HttpStatusCode.OK);
        Assert.Equal("Кыргызстандын иш-аракет планы", stored["titleTranslations"]!["ka"]!.GetValue<string>());
    }

    // One snapshot: the process may write more lines while this runs.
    private static List<JsonObject> Lines(ServiceProcess service) =>
        service.Output.Where(l => l.Length > 0).ToArray() is var output && output.Where(l => !l.StartsWith('{')).ToArray() is { Length: > 0 } other
            ? throw new Xunit.Sdk.XunitException("a log line is not a JSON object:\n" + string.Join('\n', other))
            : output.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    private static string? Path(JsonObject line) =>
        line["Scopes"]?.AsArray().OfType<JsonObject>().Select(s => s["RequestPath"]?.GetValue<string>()).FirstOrDefault(p => p is not null);

    /// <summary>A body sent in two parts: the second only once <paramref name="rest"/> completes.</summary>
    private sealed class HeldBackContent : HttpContent
    {
        private readonly byte[] body;
        private readonly int half;
        private readonly Task rest;

        public HeldBackContent(byte[] body, int half, Task rest)
        {
            (this.body, this.half, this.rest) = (body, half, rest);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(body.AsMemory(0, half));
            await stream.FlushAsync();
            await rest;
            await stream.WriteAsync(body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
