using System.Security.Cryptography;
using CommitmentTracker.Features.Changes;

namespace CommitmentTracker.Features.Webhooks;

/// <summary>
/// Who wants which events POSTed where. <c>Secret</c> signs the deliveries (HMAC), so it is stored as it is: it is a
/// signing secret shared with the receiver, not a credential to this API. It is returned once, on creation, and never logged.
/// </summary>
public sealed record WebhookSubscription(
    Guid Id, string Url, string Secret, string? Member, string? Commitment, string[] EventTypes,
    string Owner, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long StartAfter)
{
    public ChangeFilter Filter => new(Member, Commitment, EventTypes);

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .Replace('+', '-').Replace('/', '_').TrimEnd('=');
}

/// <summary>How far a subscription has been delivered, and how many times its next event has failed so far. Stored, so a restart resumes here.</summary>
public sealed record WebhookCheckpoint(Guid Id, long Sequence, int FailedAttempts, DateTimeOffset UpdatedAt);

/// <summary>One delivery attempt, as the delivery log shows it.</summary>
public sealed record WebhookDelivery(
    Guid Id, Guid SubscriptionId, string DeliveryId, long Sequence, string EventType, int Attempt, bool Succeeded,
    int? StatusCode, string? Error, long DurationMs, DateTimeOffset At);
