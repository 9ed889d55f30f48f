using System.Security.Cryptography;
using System.Text;

namespace CommitmentTracker.Infrastructure.Idempotency;

/// <summary>
/// A write made with an <c>Idempotency-Key</c>. It is inserted in the same transaction as the write itself, so a write
/// and its key commit together or not at all; the response is added once it is known, for replays.
/// </summary>
public sealed record IdempotentRequest(
    string Id, string Actor, string Fingerprint, DateTimeOffset At,
    int? Status = null, string? ContentType = null, string? Location = null, string? ETag = null, byte[]? Body = null)
{
    public bool HasResponse => Status is not null;

    /// <summary>Keys belong to the caller: two callers may use the same key without seeing each other's responses.</summary>
    public static string IdFor(string actor, string key) => Sha256(actor + "\n" + key);

    /// <summary>What makes two requests "the same": method, path with query, and the body's bytes.</summary>
    public static string FingerprintOf(string method, string pathAndQuery, ReadOnlySpan<byte> body) =>
        Sha256($"{method} {pathAndQuery}\n{Sha256(body)}");

    public static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
