using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Assessments;

/// <summary>The government's, each CSO's and the IRM's views of one commitment, side by side, each with history.</summary>
public sealed class AssessmentsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Three_views_side_by_side()
    {
        var id = await api.MadeCommitment("GE");
        var watchdog = await KeyFor("cso", "Transparency International Georgia");
        var institute = await KeyFor("cso", "Civil Society Institute");
        var irm = await api.Key("irm");

        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/completion", new { completion = "Substantial", reason = "Portal launched", evidence = new[] { new { url = "https://gov.ge/portal" } } })).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Key(watchdog)).Post($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = "Portal lacks data" })).Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Key(watchdog)).Post($"/api/commitments/{id}/assessments/cso", new { completion = "Substantial", comment = "Data added" })).Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Key(institute)).Post($"/api/commitments/{id}/assessments/cso", new { completion = "NotStarted", comment = "No consultation" })).Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Key(irm)).Post($"/api/commitments/{id}/assessments/irm", new
        {
            design = new { verifiable = true, openGovernmentLens = true, potentialForResults = "Substantial", promising = true },
            results = new { completion = "Complete", didItOpenGovernment = "Major" },
        })).Expect(HttpStatusCode.OK);

        var assessments = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Expect(HttpStatusCode.OK))["assessments"]!;
        Assert.Equal("Substantial", assessments["self"]!["completion"]!.GetValue<string>());
        Assert.Equal("Portal launched", assessments["self"]!["reason"]!.GetValue<string>());
        var cso = assessments["cso"]!.AsArray();
        Assert.Equal(["Civil Society Institute", "Transparency International Georgia"], cso.Select(c => c!["organisation"]!.GetValue<string>()).ToArray());
        Assert.Equal("Substantial", cso[1]!["completion"]!.GetValue<string>());
        Assert.Equal(2, cso[1]!["assessments"]!.GetValue<int>());
        Assert.Equal("Complete", assessments["irm"]!["results"]!["completion"]!.GetValue<string>());
        Assert.Equal("Major", assessments["irm"]!["results"]!["didItOpenGovernment"]!.GetValue<string>());
        Assert.True(assessments["irm"]!["starred"]!.GetValue<bool>());

        var streams = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/assessments/cso")).Expect(HttpStatusCode.OK)).AsArray();
        var history = streams.Single(s => s!["organisation"]!.GetValue<string>() == "Transparency International Georgia")!["history"]!.AsArray();
        Assert.Equal(["Limited", "Substantial"], history.Select(h => h!["completion"]!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task Starred_needs_substantial_potential_and_completion()
    {
        var id = await api.MadeCommitment("AM");
        var irm = await api.Key("irm");
        var body = await (await api.As(Caller.Key(irm)).Post($"/api/commitments/{id}/assessments/irm", new
        {
            design = new { verifiable = true, openGovernmentLens = true, potentialForResults = "Modest", promising = false },
            results = new { completion = "Complete", didItOpenGovernment = "Marginal" },
        })).Expect(HttpStatusCode.OK);
        Assert.False(body["assessments"]!["irm"]!["starred"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""{"design":{"verifiable":true}}""", "design.openGovernmentLens")]
    [InlineData("""{"results":{"completion":"Done","didItOpenGovernment":"Major"}}""", "results.completion")]
    [InlineData("""{"results":{"completion":"Complete","didItOpenGovernment":"Huge"}}""", "results.didItOpenGovernment")]
    [InlineData("""{}""", "body")]
    public async Task Bad_irm_assessments_are_400_naming_the_field(string body, string field)
    {
        var id = await api.MadeCommitment("UA");
        var irm = await api.Key("irm");
        var before = await api.EventCount();
        var problem = await (await api.As(Caller.Key(irm)).PostText($"/api/commitments/{id}/assessments/irm", body)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task Each_role_writes_only_its_own_view()
    {
        var id = await api.MadeCommitment("AZ");
        var cso = await api.Key("cso");
        var irm = await api.Key("irm");
        var before = await api.EventCount();
        await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{id}/assessments/irm", new { results = new { completion = "Complete", didItOpenGovernment = "Major" } })).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{id}/completion", new { completion = "Complete", reason = "x" })).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Key(irm)).Post($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = "x" })).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task Cso_view_as_of_a_date()
    {
        api.Clock.Now = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var id = await api.MadeCommitment("MD");
        var cso = await KeyFor("cso", "Watchdog MD");
        await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = "early" })).Expect(HttpStatusCode.Created);
        api.Clock.Now = new DateTimeOffset(2024, 10, 1, 0, 0, 0, TimeSpan.Zero);
        await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{id}/assessments/cso", new { completion = "Complete", comment = "late" })).Expect(HttpStatusCode.Created);

        var then = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?asOf=2024-08-30")).Expect(HttpStatusCode.OK);
        Assert.Equal("Limited", then["assessments"]!["cso"]![0]!["completion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Civil_society_still_assesses_a_withdrawn_commitment_while_poc_and_irm_writes_are_409()
    {
        var id = await api.MadeCommitment("KG");
        var poc = await api.Key("poc", "KG");
        var irm = await api.Key("irm");
        var watchdog = await KeyFor("cso", "Kloop Media");
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/withdraw", new { reason = "Dropped after the 2024 reshuffle" })).Expect(HttpStatusCode.OK);
        var before = await api.EventCount();

        await (await api.As(Caller.Key(poc)).Post($"/api/commitments/{id}/completion", new { completion = "Limited", reason = "x" })).Expect(HttpStatusCode.Conflict);
        await (await api.As(Caller.Key(irm)).Post($"/api/commitments/{id}/assessments/irm", new { results = new { completion = "Limited", didItOpenGovernment = "Marginal" } }))
            .Expect(HttpStatusCode.Conflict);
        Assert.Equal(before, await api.EventCount());

        // Why a commitment was dropped matters: civil society may file and then update its view of it.
        await (await api.As(Caller.Key(watchdog)).Post($"/api/commitments/{id}/assessments/cso", new { completion = "NotStarted", comment = "Dropped without consultation" }))
            .Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Key(watchdog)).Post($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = "Half done when dropped" }))
            .Expect(HttpStatusCode.Created);
        var cso = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Expect(HttpStatusCode.OK))["assessments"]!["cso"]!.AsArray();
        Assert.Equal("Limited", Assert.Single(cso)!["completion"]!.GetValue<string>());
        Assert.Equal(2, cso[0]!["assessments"]!.GetValue<int>());
    }

    private async Task<string> KeyFor(string role, string organisation)
    {
        var issued = await (await api.As(Caller.Admin).Post("/api/api-keys", new { name = organisation, role, organisation })).Expect(HttpStatusCode.Created);
        return issued["secret"]!.GetValue<string>();
    }
}
