using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Features.Members;

/// <summary>Register a member. National codes are ISO 3166-1 alpha-2 (<c>GE</c>); local ones add a locality (<c>GE-TBS</c>).</summary>
public sealed record RegisterMember(
    [property: Required] string? Code, [property: Required] MemberKind? Kind, [property: Required] Dictionary<string, string>? Name, [property: Required] string? Region, [property: Required] string? DefaultLanguage) : EffectiveWrite
{
    public static MemberRegistered Decide(RegisterMember c, string by, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var code = c.Code?.Trim().ToUpperInvariant();
        errors.Required("code", code).Required("kind", c.Kind).Required("region", c.Region).MaxLength("region", c.Region, 100);
        if (code is not null && c.Kind is { } kind && !MemberCodes.IsValid(code, kind))
            errors.Add("code", kind == MemberKind.National
                ? "must be an ISO 3166-1 alpha-2 code like 'GE'."
                : "must be a country code and a locality of letters, like 'GE-TBS'.");
        if (!LocalizedText.IsLanguageTag(c.DefaultLanguage)) errors.Add("defaultLanguage", "must be a BCP-47 language tag like 'ka'.");
        var name = LocalizedText.Validate(errors, "name", c.Name, 300, c.DefaultLanguage);
        errors.ThrowIfAny();
        return new MemberRegistered(code!, c.Kind!.Value, name!, c.Region!.Trim(), LocalizedText.Canonical(c.DefaultLanguage!), by, now);
    }
}

public static partial class MemberCodes
{
    [GeneratedRegex("^[A-Z]{2}$")] private static partial Regex National();
    // Letters only after the country, so a member code never looks like a plan id (GE-AP5) or a commitment id (GE0066).
    [GeneratedRegex("^[A-Z]{2}-[A-Z]{2,10}$")] private static partial Regex Local();

    public static bool IsValid(string code, MemberKind kind) =>
        kind == MemberKind.National ? National().IsMatch(code) : Local().IsMatch(code);
}
