using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Dialogue;

/// <summary>The government's reasoned responses to CSO and IRM assessments.</summary>
public sealed class ResponsesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Institute = "Civil Society Institute";

    private static object Answer(string stance = "Disputed", long? assessmentVersion = null) => new
    {
        stance, assessmentVersion,
        text = new Dictionary<string, string> { ["ka"] = "პორტალი ამოქმედდა ორ რეგიონში", ["en"] = "The portal is live in two regions." },
        evidence = new[] { new { url = "https://gov.ge/portal/stats", title = "Usage statistics" } },
    };

    [Fact]
    public async Task Only_the_members_PoC_or_an_admin_answers_and_the_answer_names_the_version_it_answers()
    {
        var id = await api.MadeCommitment("GE");
        await api.RegisteredMember("AM");
        var cso = await api.KeyOf("cso", "Monitor", Institute);
        var poc = await api.KeyOf("poc", "Georgia PoC", "Administration of the Government", "GE");
        var url = $"/api/commitments/{id}/assessments/cso/{Uri.EscapeDataString(Institute)}/responses";
        var before = await api.EventCount();
        await (await api.As(Caller.Key(poc)).Post(url, Answer())).Expect(HttpStatusCode.NotFound); // nothing filed yet
        await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = "One region only" })).Expect(HttpStatusCode.Created);
        var afterFiling = await api.EventCount();
        Assert.Equal(before + 1, afterFiling);

        foreach (var refused in new[] { cso, await api.KeyOf("poc", "Armenia PoC", "Government of Armenia", "AM"), await api.Key("irm") })
            await (await api.As(Caller.Key(refused)).Post(url, Answer())).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Anonymous).Post(url, Answer())).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(["assessmentVersion"], (await (await api.As(Caller.Key(poc)).Post(url, Answer(assessmentVersion: 2))).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["stance", "text"], (await (await api.As(Caller.Key(poc)).PostText(url, """{"stance":null,"text":{}}""")).Expect(HttpStatusCode.BadRequest)).ErrorFields().Order());
        Assert.Equal(["stance"], (await (await api.As(Caller.Key(poc)).PostText(url, """{"stance":"Agreed","text":{"en":"x"}}""")).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(afterFiling, await api.EventCount());

        var answered = await (await api.As(Caller.Key(poc)).Post(url.Replace(Uri.EscapeDataString(Institute), "civil%20society%20INSTITUTE"), Answer())).Expect(HttpStatusCode.Created);
        Assert.Equal(Institute, answered["organisation"]!.GetValue<string>());
        var response = Assert.Single(answered["responses"]!.AsArray())!;
        Assert.Equal(1, response["assessmentVersion"]!.GetValue<int>());
        Assert.Equal("poc", response["responderRole"]!.GetValue<string>());
        await (await api.As(Caller.Admin).Post(url, Answer("PartlyAccepted"))).Expect(HttpStatusCode.Created);
        Assert.Equal(afterFiling + 2, await api.EventCount());

        // The CSO revises: the answers now answer an earlier version, and say so beside the assessment.
        await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{id}/assessments/cso", new { completion = "Substantial", comment = "Second region live" })).Expect(HttpStatusCode.Created);
        var view = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?lang=en")).Expect(HttpStatusCode.OK))["assessments"]!["cso"]![0]!;
        Assert.Equal(2, view["assessments"]!.GetValue<int>());
        var responses = view["responses"]!.AsArray();
        Assert.Equal(["Disputed", "PartlyAccepted"], responses.Select(r => r!["stance"]!.GetValue<string>()));
        Assert.All(responses, r => Assert.False(r!["answersLatest"]!.GetValue<bool>()));
        Assert.Equal("The portal is live in two regions.", responses[0]!["text"]!.GetValue<string>());
        Assert.Equal("პორტალი ამოქმედდა ორ რეგიონში", responses[0]!["textTranslations"]!["ka"]!.GetValue<string>());
        Assert.Equal("https://gov.ge/portal/stats", responses[0]!["evidence"]![0]!["url"]!.GetValue<string>());

        var latest = await (await api.As(Caller.Key(poc)).Post(url, Answer("Accepted", assessmentVersion: 2))).Expect(HttpStatusCode.Created);
        Assert.Equal([1, 1, 2], latest["responses"]!.AsArray().Select(r => r!["assessmentVersion"]!.GetValue<int>()));
        var listed = (await (await api.As(Caller.Anonymous).Get(url)).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(3, listed.Count);
    }

    [Fact]
    public async Task The_IRM_assessment_is_answered_the_same_way_and_a_later_verdict_marks_the_answer_as_earlier()
    {
        var id = await api.MadeCommitment("GE");
        var poc = await api.KeyOf("poc", "Georgia PoC", "Administration of the Government", "GE");
        var irm = await api.Key("irm");
        var url = $"/api/commitments/{id}/assessments/irm/responses";
        await (await api.As(Caller.Key(poc)).Post(url, Answer())).Expect(HttpStatusCode.NotFound);
        await (await api.As(Caller.Key(irm)).Post($"/api/commitments/{id}/assessments/irm", new
            { design = new { verifiable = true, openGovernmentLens = true, potentialForResults = "Modest", promising = false } })).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Key(irm)).Post(url, Answer())).Expect(HttpStatusCode.Forbidden);
        var answered = await (await api.As(Caller.Key(poc)).Post(url, Answer())).Expect(HttpStatusCode.Created);
        Assert.Equal(1, answered["responses"]![0]!["assessmentVersion"]!.GetValue<int>());

        var irmView = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Expect(HttpStatusCode.OK))["assessments"]!["irm"]!;
        Assert.Equal(1, irmView["revision"]!.GetValue<int>());
        Assert.True(irmView["responses"]![0]!["answersLatest"]!.GetValue<bool>());

        await (await api.As(Caller.Key(irm)).Post($"/api/commitments/{id}/assessments/irm", new
            { results = new { completion = "Substantial", didItOpenGovernment = "Marginal" } })).Expect(HttpStatusCode.OK);
        irmView = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Expect(HttpStatusCode.OK))["assessments"]!["irm"]!;
        Assert.Equal(2, irmView["revision"]!.GetValue<int>());
        Assert.False(irmView["responses"]![0]!["answersLatest"]!.GetValue<bool>());
    }
}
