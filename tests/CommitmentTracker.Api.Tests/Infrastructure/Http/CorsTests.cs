using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Infrastructure.Http;

/// <summary>Issue 20: any origin reads /api and /graphql without credentials; writes only from Cors:WriteOrigins.</summary>
public sealed class CorsTests(CorsWritesFromOneOriginApi api) : IClassFixture<CorsWritesFromOneOriginApi>
{
    private static HttpRequestMessage Preflight(string path, string method, string origin, string headers = "content-type")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string? AllowedOrigin(Reply r) =>
        r.Headers.TryGetValues("Access-Control-Allow-Origin", out var v) ? v.Single() : null;

    [Theory]
    [InlineData("/graphql", "POST")]
    [InlineData("/graphql", "GET")]
    [InlineData("/api/commitments", "GET")]
    [InlineData("/api/export/commitments.csv", "GET")]
    public async Task Any_origin_may_read_and_its_preflight_is_answered(string path, string method)
    {
        using var preflight = await api.As(Caller.Anonymous).Send(Preflight(path, method, "https://dashboard.example"));
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("*", AllowedOrigin(preflight));
        var read = new HttpRequestMessage(HttpMethod.Get, path == "/graphql" ? "/graphql?query=%7B%20members%20%7B%20code%20%7D%20%7D" : path);
        read.Headers.Add("Origin", "https://dashboard.example");
        using var answer = await api.As(Caller.Anonymous).Send(read);
        Assert.Equal("*", AllowedOrigin(answer));
        Assert.Contains("ETag", answer.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }

    [Theory]
    [InlineData("/api/commitments/GE9999")] // ResourceNotFound, answered by the exception handler
    [InlineData("/api/commitments?completion=Finished")] // a query enum it cannot bind
    public async Task A_refusal_from_the_exception_handler_keeps_its_CORS_headers(string path)
    {
        var read = new HttpRequestMessage(HttpMethod.Get, path);
        read.Headers.Add("Origin", "https://dashboard.example");
        using var answer = await api.As(Caller.Anonymous).Send(read);
        Assert.InRange((int)answer.StatusCode, 400, 499);
        Assert.Equal("*", AllowedOrigin(answer));
    }

    [Fact]
    public async Task Writes_are_allowed_only_from_the_configured_origins()
    {
        using var stranger = await api.As(Caller.Anonymous).Send(Preflight("/api/members", "POST", "https://dashboard.example", "content-type,x-api-key"));
        Assert.Null(AllowedOrigin(stranger));
        using var workspace = await api.As(Caller.Anonymous).Send(Preflight("/api/members", "POST", "https://workspace.example", "content-type,x-api-key,if-match"));
        Assert.Equal("https://workspace.example", AllowedOrigin(workspace));
    }

    [Fact]
    public async Task Pages_outside_the_api_send_no_CORS_headers()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("Origin", "https://dashboard.example");
        using var answer = await api.As(Caller.Anonymous).Send(request);
        Assert.Null(AllowedOrigin(answer));
    }
}
