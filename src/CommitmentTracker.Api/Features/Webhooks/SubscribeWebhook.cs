using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Features.Changes;

namespace CommitmentTracker.Features.Webhooks;

/// <summary>Create or replace a subscription: where to POST, and which events (all when no filter is given).</summary>
/// <param name="Url">Absolute http or https URL of the receiver.</param>
/// <param name="Member">Only events of this member's streams.</param>
/// <param name="Commitment">Only events of this commitment and its CSO assessments.</param>
/// <param name="EventTypes">Only these event types, as the feed names them (<c>milestone_progress_reported</c>, ...).</param>
public sealed record SubscribeWebhook([property: Required] string? Url, string? Member, string? Commitment, string[]? EventTypes)
{
    /// <summary>Checks the request; returns the normalized URL and filter, or throws one 400 naming every bad field.</summary>
    public (Uri Url, ChangeFilter Filter) Validate(IReadOnlySet<string> knownEventTypes, bool allowInternalTargets)
    {
        var errors = new FieldErrors();
        errors.Required("url", Url).MaxLength("url", Url, 2000);
        Uri? url = null;
        if (!string.IsNullOrWhiteSpace(Url) && (!Uri.TryCreate(Url.Trim(), UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
            errors.Add("url", "must be an absolute http or https URL.");
        else if (url is not null && !allowInternalTargets && WebhookTargets.NamesInternalHost(url))
            errors.Add("url", "must not point at a loopback, private or link-local address.");
        var types = (EventTypes ?? []).Select(t => t.Trim()).Distinct().ToArray();
        foreach (var unknown in types.Where(t => !knownEventTypes.Contains(t)))
            errors.Add("eventTypes", $"'{unknown}' is not an event type.");
        var filter = ChangeFeedEndpoints.Filter(null, null, Member, Commitment, errors, types);
        errors.ThrowIfAny();
        return (url!, filter);
    }
}

/// <summary>A subscription as its owner sees it: everything but the secret.</summary>
public record WebhookResponse(
    Guid Id, string Url, string? Member, string? Commitment, string[] EventTypes, string Owner,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long DeliveredThrough)
{
    public static WebhookResponse From(WebhookSubscription s, WebhookCheckpoint? checkpoint) => new(
        s.Id, s.Url, s.Member, s.Commitment, s.EventTypes, s.Owner, s.CreatedAt, s.UpdatedAt, checkpoint?.Sequence ?? s.StartAfter);
}

/// <summary>The only response that ever carries the signing secret.</summary>
public sealed record CreatedWebhook(
    Guid Id, string Url, string? Member, string? Commitment, string[] EventTypes, string Owner,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long DeliveredThrough, string Secret)
    : WebhookResponse(Id, Url, Member, Commitment, EventTypes, Owner, CreatedAt, UpdatedAt, DeliveredThrough);
