using Microsoft.Net.Http.Headers;

namespace CommitmentTracker.Infrastructure.Http;

/// <summary>The stream version travels as a strong ETag ("3"); writes send it back in If-Match.</summary>
public static class ETags
{
    public static void SetETag(this HttpResponse response, long version) =>
        response.Headers.ETag = new EntityTagHeaderValue($"\"{version}\"").ToString();

    /// <summary>The version the client expects, or null when it sent no If-Match (or "*").</summary>
    public static long? ExpectedVersion(this HttpRequest request)
    {
        var raw = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(raw) || raw.Trim() == "*") return null;
        var tag = raw.Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal)) tag = tag[2..];
        tag = tag.Trim('"');
        return long.TryParse(tag, out var v) && v >= 0
            ? v
            : throw ValidationFailed.Field("If-Match", "must be an ETag this API returned, like \"3\".");
    }
}
