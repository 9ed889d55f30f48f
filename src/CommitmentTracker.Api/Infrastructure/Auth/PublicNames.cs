using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CommitmentTracker.Infrastructure.Auth;

/// <summary>
/// The id and name stamped on a person's writes (history, comments, answers, assessments), which anyone may read: never
/// an email address, which some providers give as the subject, the name or the preferred user name.
/// </summary>
public static partial class PublicNames
{
    public static bool HasEmail(string value) => Email().IsMatch(value);

    /// <summary>
    /// <c>jwt:</c> and the subject; a subject holding an email address becomes a stable pseudonym of it, so the same
    /// person keeps one id (their comments stay theirs to edit) without the address being published.
    /// </summary>
    public static string SubjectId(string subject) => "jwt:" + (HasEmail(subject)
        ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject.Trim().ToLowerInvariant())))[..24]
        : subject);

    /// <summary>The first of the token's name claims that holds no email address, else the organisation and role.</summary>
    public static string From(ClaimsPrincipal token, IdentityClaimNames names, string role, string organisation) =>
        new[] { token.FindFirstValue(names.NameClaim), token.FindFirstValue("preferred_username") }
            .FirstOrDefault(n => !string.IsNullOrWhiteSpace(n) && !HasEmail(n))?.Trim()
        ?? (organisation.Length > 0 ? $"{organisation} ({role})" : role);

    [GeneratedRegex(@"[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+")]
    private static partial Regex Email();
}
