using Microsoft.Net.Http.Headers;

namespace CommitmentTracker.Infrastructure.Http;

/// <summary>
/// The stream version travels in a strong ETag ("3", made per representation by <see cref="HttpCaching"/>:
/// "3.1f0c9a2b7d4e6a80"); writes send it back in If-Match, and the version before the dot is what counts.
/// </summary>
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
        return VersionOf(tag) is { } v && v >= 0
            ? v
            : throw ValidationFailed.Field("If-Match", "must be an ETag this API returned, like \"3\".");
    }

    /// <summary>The version in "3" or "3.1f0c9a2b7d4e6a80", or null when the tag holds none.</summary>
    public static long? VersionOf(string tag)
    {
        var t = tag.Trim().Trim('"');
        var dot = t.IndexOf('.');
        return long.TryParse(dot < 0 ? t : t[..dot], System.Globalization.NumberStyles.None, null, out var v) ? v : null;
    }
}
