using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Infrastructure.Http;

namespace CommitmentTracker.Features.Documents;

public static class References
{
    /// <summary>A link or a document of this plan that is not withdrawn; errors go under <paramref name="field"/>.</summary>
    public static LinkOrDocument? Validate(FieldErrors errors, string field, LinkOrDocument? reference, ActionPlan plan)
    {
        string Key(string name) => field.Length == 0 ? name : $"{field}.{name}";
        var whole = field.Length == 0 ? "url" : field;
        if (reference is null) { errors.Add(whole, "is required: give a url or a documentId."); return null; }
        var url = reference.Url?.Trim();
        var documentId = reference.DocumentId?.Trim();
        if (string.IsNullOrEmpty(url) == string.IsNullOrEmpty(documentId))
        {
            errors.Add(whole, "give exactly one of url (a public link) and documentId (a document uploaded to this plan).");
            return null;
        }
        if (url is not null)
        {
            if (!IsPublicUrl(url)) errors.Add(Key("url"), "must be an absolute http(s) URL of at most 2000 characters.");
            return new LinkOrDocument(url, null);
        }
        var document = plan.Documents.FirstOrDefault(d => d.Id == documentId);
        if (document is null) errors.Add(Key("documentId"), $"'{documentId}' is not a document of plan {plan.Id}; upload it first.");
        else if (document.Withdrawn is not null) errors.Add(Key("documentId"), $"document '{documentId}' was withdrawn.");
        return new LinkOrDocument(null, documentId);
    }

    public static bool IsPublicUrl(string? url) =>
        url is { Length: <= 2000 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
