using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Alba;
using Microsoft.AspNetCore.Http.Features;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>Who sends a scenario: the headers every request of that caller carries.</summary>
public sealed record Caller(IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public static Caller Anonymous { get; } = new([]);
    public static Caller Admin { get; } = Key(ApiFactory.AdminKey);
    public static Caller Key(string key) => Anonymous.With("X-Api-Key", key);
    public static Caller Bearer(string token) => Anonymous.With("Authorization", "Bearer " + token);

    public Caller With(string header, string value) => new([.. Headers, new(header, value)]);
}

/// <summary>
/// Requests as one caller, each run as an Alba scenario on the fixture's host (in memory, no socket). The scenario
/// ignores the status: the test asserts it afterwards (<see cref="HttpJson.Expect(Reply, HttpStatusCode)"/>), so every
/// assertion reads as it did over HttpClient.
/// </summary>
public sealed class Scenarios(IAlbaHost host, Caller caller)
{
    public Scenarios With(string header, string value) => new(host, caller.With(header, value));

    public Task<Reply> Get(string url) => Run(HttpMethod.Get, url);
    public Task<Reply> Get(Uri url) => Run(HttpMethod.Get, Relative(url));
    public Task<Reply> Delete(string url) => Run(HttpMethod.Delete, url);

    /// <summary>A JSON body, serialized as HttpClient's PostAsJsonAsync does (web defaults, nulls written).</summary>
    public Task<Reply> Post(string url, object body) => Run(HttpMethod.Post, url, Json(body));
    public Task<Reply> Put(string url, object body) => Run(HttpMethod.Put, url, Json(body));
    public Task<Reply> Patch(string url, object body) => Run(HttpMethod.Patch, url, Json(body));

    /// <summary>A body as given (form, multipart, raw bytes, another media type), or none.</summary>
    public Task<Reply> Post(string url, HttpContent? content) => Run(HttpMethod.Post, url, content);
    public Task<Reply> Put(string url, HttpContent? content) => Run(HttpMethod.Put, url, content);
    public Task<Reply> Patch(string url, HttpContent? content) => Run(HttpMethod.Patch, url, content);

    /// <summary>Text sent as application/json exactly as written: malformed or hand-built bodies.</summary>
    public Task<Reply> PostText(string url, string json) => Run(HttpMethod.Post, url, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<string> GetText(string url)
    {
        var reply = await Get(url);
        reply.EnsureSuccessStatusCode();
        return await reply.Content.ReadAsStringAsync();
    }

    /// <summary>A request built in full (its own headers: If-Match, Accept-Language, Origin, ...), as a scenario.</summary>
    public Task<Reply> Send(HttpRequestMessage request)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("a request needs a URL", nameof(request));
        var headers = request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value)));
        return Run(request.Method, Relative(uri), request.Content, headers);
    }

    /// <summary>A link the API gave (Location may be absolute): the scenario runs on this host whatever its authority.</summary>
    private static string Relative(Uri url) => url.IsAbsoluteUri ? url.PathAndQuery : url.OriginalString;

    private static JsonContent Json(object body) => JsonContent.Create(body, body.GetType());

    private async Task<Reply> Run(HttpMethod method, string url, HttpContent? content = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var bytes = content is null ? null : await content.ReadAsByteArrayAsync();
        var result = await host.Scenario(s =>
        {
            Verb(s, method).Url(url);
            s.ConfigureHttpContext(c => c.Request.Method = method.Method);
            foreach (var (name, value) in caller.Headers.Concat(headers ?? [])) s.WithRequestHeader(name, value);
            if (bytes is not null)
                s.ConfigureHttpContext(c =>
                {
                    foreach (var header in content!.Headers) c.Request.Headers[header.Key] = string.Join(", ", header.Value);
                    c.Request.Body = new MemoryStream(bytes);
                    c.Request.ContentLength = bytes.Length;
                });
            else if (method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch)
                s.ConfigureHttpContext(c => c.Request.ContentLength = 0); // as HttpClient sends a write without content
            // A server sees no body in a request of length 0; an Alba scenario always has one, empty.
            if (bytes is not { Length: > 0 }) s.ConfigureHttpContext(c => c.Features.Set<IHttpRequestBodyDetectionFeature>(new NoBody()));
            s.IgnoreStatusCode();
        });
        return await Reply.Of(result);
    }

    private sealed class NoBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => false;
    }

    private static IUrlExpression Verb(Scenario s, HttpMethod method) => method.Method switch
    {
        "GET" => s.Get,
        "POST" => s.Post,
        "PUT" => s.Put,
        "PATCH" => s.Patch,
        "DELETE" => s.Delete,
        "HEAD" => s.Head,
        _ => s, // OPTIONS and the like: the method is set on the context
    };
}

/// <summary>
/// An Alba scenario's result, read as HttpClient reads a response (status, headers, content), so the assertions
/// written against HttpResponseMessage hold as they are. <see cref="Result"/> is the Alba result itself.
/// </summary>
public sealed class Reply : IDisposable
{
    private readonly HttpResponseMessage message;

    private Reply(IScenarioResult result, HttpResponseMessage message)
    {
        Result = result;
        this.message = message;
    }

    public static async Task<Reply> Of(IScenarioResult result)
    {
        var response = result.Context.Response;
        if (!response.Body.CanSeek) // TestServer's body reads once: keep a copy, so Alba's own readers still work
        {
            var copy = new MemoryStream();
            await response.Body.CopyToAsync(copy);
            response.Body = copy;
        }
        response.Body.Position = 0;
        var body = new MemoryStream();
        await response.Body.CopyToAsync(body);
        response.Body.Position = 0;
        var message = new HttpResponseMessage((HttpStatusCode)response.StatusCode) { Content = new ByteArrayContent(body.ToArray()) };
        foreach (var (name, values) in response.Headers)
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                message.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        return new Reply(result, message);
    }

    public IScenarioResult Result { get; }
    public HttpStatusCode StatusCode => message.StatusCode;
    public bool IsSuccessStatusCode => message.IsSuccessStatusCode;
    public HttpResponseHeaders Headers => message.Headers;
    public HttpContent Content => message.Content;
    public HttpResponseMessage EnsureSuccessStatusCode() => message.EnsureSuccessStatusCode();

    /// <summary>The response as HttpResponseMessage, for helpers shared with the tests that keep a real socket.</summary>
    public HttpResponseMessage Message => message;

    public void Dispose() => message.Dispose();
}
