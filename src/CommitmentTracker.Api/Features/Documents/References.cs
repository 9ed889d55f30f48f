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
        Document(errors, Key("documentId"), documentId!, plan);
        return new LinkOrDocument(null, documentId);
    }

    /// <summary>The plan's document that <paramref name="documentId"/> names, if it is one and not withdrawn; else an error under <paramref name="field"/>.</summary>
    public static PlanDocument? Document(FieldErrors errors, string field, string documentId, ActionPlan plan)
    {
        var document = plan.Documents.FirstOrDefault(d => d.Id == documentId);
        if (document is null) errors.Add(field, $"'{documentId}' is not a document of plan {plan.Id}; upload it to the plan first.");
        else if (document.Withdrawn is not null) errors.Add(field, $"document '{documentId}' was withdrawn ({document.Withdrawn.Reason}); cite another.");
        return document?.Withdrawn is null ? document : null;
    }

    public static bool IsPublicUrl(string? url) =>
        url is { Length: <= 2000 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
