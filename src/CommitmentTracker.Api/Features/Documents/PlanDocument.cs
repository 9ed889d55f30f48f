namespace CommitmentTracker.Features.Documents;

/// <summary>An uploaded file of a plan. The bytes are stored once per <see cref="Sha256"/>; a withdrawn document is no longer served.</summary>
public sealed record PlanDocument(
    string Id, string Sha256, string FileName, string ContentType, long Length, string? Title, string UploadedBy, DateTimeOffset UploadedAt,
    Withdrawal? Withdrawn)
{
    public string DownloadPath(string planId) => PathFor(planId, Id);

    public static string PathFor(string planId, string documentId) => $"/api/action-plans/{planId}/documents/{documentId}/content";
}

public sealed record Withdrawal(string Reason, string By, DateTimeOffset At);

/// <summary>Where a fact is published: a public URL, or a document uploaded to the same plan (exactly one of them).</summary>
public sealed record LinkOrDocument(string? Url, string? DocumentId);
