using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CommitmentTracker.Features.Changes;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CommitmentTracker.Features.Webhooks;

/// <summary>One signed POST of one event to one subscriber; the result is what the delivery log records.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<JsonOptions> json, TimeProvider clock)
{
    public const string ClientName = "webhooks";

    public static string DeliveryIdFor(Guid subscriptionId, long sequence) => $"{subscriptionId:N}-{sequence}";

    public async Task<WebhookDelivery> Send(WebhookSubscription subscription, ChangeFeedItem item, int attempt, CancellationToken ct)
    {
        var deliveryId = DeliveryIdFor(subscription.Id, item.Sequence);
        var body = JsonSerializer.Serialize(new { subscriptionId = subscription.Id, deliveryId, @event = item }, json.Value.SerializerOptions);
        var now = clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(subscription.Secret, now.ToUnixTimeSeconds(), body));
        request.Headers.Add(WebhookSignature.SequenceHeader, item.Sequence.ToString());
        request.Headers.Add(WebhookSignature.DeliveryHeader, deliveryId);

        var watch = Stopwatch.StartNew();
        int? status = null;
        string? error = null;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) error = $"HTTP {status}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = "timed out";
        }
        catch (HttpRequestException e)
        {
            error = e.HttpRequestError == HttpRequestError.Unknown ? e.Message : $"{e.HttpRequestError}: {(e.InnerException ?? e).Message}";
        }
        return new WebhookDelivery(Guid.NewGuid(), subscription.Id, deliveryId, item.Sequence, item.Type, attempt, error is null,
            status, error, watch.ElapsedMilliseconds, now);
    }
}
