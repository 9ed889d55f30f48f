namespace CommitmentTracker.Features.Documents;

/// <summary>A document as REST lists it; <c>url</c> downloads it, and is null once it was withdrawn.</summary>
public sealed record DocumentResponse(
    string Id, string FileName, string ContentType, long Length, string Sha256, string? Title, DateTimeOffset UploadedAt,
    string? Url, Withdrawal? Withdrawn)
{
    public static DocumentResponse From(string planId, PlanDocument d) => new(
        d.Id, d.FileName, d.ContentType, d.Length, d.Sha256, d.Title, d.UploadedAt, d.Withdrawn is null ? d.DownloadPath(planId) : null, d.Withdrawn);
}
