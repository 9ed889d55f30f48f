using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>A real HTTP receiver on a free loopback port: records every request it gets and answers what the test says.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Request(string Body, string Signature, long Sequence, string DeliveryId, int AnsweredWith);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Request> requests = new();
    private int count;

    private WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>The status to answer the n-th request (1-based) with.</summary>
    public Func<int, int> Answer { get; set; } = _ => 200;

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public string Url => app.Urls.First() + "/hook";

    public IReadOnlyList<Request> Requests => requests.ToArray();

    public IReadOnlyList<long> Delivered => requests.Where(r => r.AnsweredWith is >= 200 and < 300).Select(r => r.Sequence).ToArray();

    public static async Task<WebhookReceiver> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.Receive);
        await app.StartAsync();
        return receiver;
    }

    private async Task Receive(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var status = Answer(Interlocked.Increment(ref count));
        await Task.Delay(Delay);
        requests.Enqueue(new Request(body, http.Request.Headers["X-OGP-Signature"].ToString(),
            long.Parse(http.Request.Headers["X-OGP-Event-Sequence"].ToString()), http.Request.Headers["X-OGP-Delivery-Id"].ToString(), status));
        http.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
