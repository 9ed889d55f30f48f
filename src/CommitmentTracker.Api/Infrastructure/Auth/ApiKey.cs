using System.Security.Cryptography;
using System.Text;

namespace CommitmentTracker.Infrastructure.Auth;

/// <summary>A stored API key. Only the SHA-256 of the secret is kept; the document id is that hash.</summary>
public sealed record ApiKey(
    string Id, string Name, string Role, string Organisation, string[] Members,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt = null)
{
    public string KeyId => Id[..12];

    /// <summary>Keys are 256 random bits, so a fast hash is enough: there is nothing to brute-force.</summary>
    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string NewSecret() => "ct_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
