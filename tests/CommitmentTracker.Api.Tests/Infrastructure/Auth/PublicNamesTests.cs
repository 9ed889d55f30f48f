using System.Security.Claims;
using CommitmentTracker.Infrastructure.Auth;

namespace CommitmentTracker.Api.Tests.Infrastructure.Auth;

public sealed class PublicNamesTests
{
    [Theory]
    [InlineData("nino@gov.ge", true)]
    [InlineData("Nino Beridze <nino.beridze@idfi.ge>", true)]
    [InlineData("Նունե Սարգսյան", false)]
    [InlineData("Nino @ IDFI", false)]
    [InlineData("ketevan-0001", false)]
    public void An_email_address_is_found_anywhere_in_a_value(string value, bool expected) =>
        Assert.Equal(expected, PublicNames.HasEmail(value));

    [Fact]
    public void An_email_subject_becomes_one_stable_pseudonym_and_an_opaque_one_is_kept()
    {
        var id = PublicNames.SubjectId("Nino.Beridze@gov.ge");
        Assert.Matches("^jwt:sha256:[0-9a-f]{24}$", id);
        Assert.Equal(id, PublicNames.SubjectId(" nino.beridze@GOV.GE"));
        Assert.NotEqual(id, PublicNames.SubjectId("tamar@gov.ge"));
        Assert.Equal("jwt:2f6c1e0a-77b1", PublicNames.SubjectId("2f6c1e0a-77b1"));
    }

    [Theory]
    [InlineData("Ketevan Chkheidze", "ketevan", "Ketevan Chkheidze")]
    [InlineData("ketevan@justice.gov.ge", "ketevan", "ketevan")]
    [InlineData(null, "Кетеван", "Кетеван")]
    [InlineData("ketevan@justice.gov.ge", "k.ch@justice.gov.ge", "Ministry of Justice (poc)")]
    [InlineData(null, null, "Ministry of Justice (poc)")]
    public void The_name_is_the_first_claim_without_an_email_else_organisation_and_role(string? name, string? username, string expected)
    {
        var claims = new List<Claim>();
        if (name is not null) claims.Add(new("name", name));
        if (username is not null) claims.Add(new("preferred_username", username));
        var token = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
        Assert.Equal(expected, PublicNames.From(token, new JwtOptions(), "poc", "Ministry of Justice"));
        Assert.Equal(expected == "Ministry of Justice (poc)" ? "poc" : expected, PublicNames.From(token, new JwtOptions(), "poc", ""));
    }
}
