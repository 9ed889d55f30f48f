using System.Net;
using CommitmentTracker.Api.Tests.Features.Dialogue;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Documents;

/// <summary>
/// Evidence may point to a document uploaded to the commitment's plan instead of a public url: progress reports, the
/// self-assessment, CSO and IRM assessments, CSO views of milestones and responses. A document of another plan, an unknown
/// or withdrawn one, or a url and a documentId together are each a 400 on that item that writes nothing.
/// </summary>
public sealed class EvidenceDocumentsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Every_kind_of_evidence_may_cite_a_document_of_the_plan_and_the_download_path_is_filled_in()
    {
        var (id, milestone) = await api.CommitmentWithMilestone("LT");
        var plan = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Expect(HttpStatusCode.OK))["planId"]!.GetValue<string>();
        var document = (await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents", Uploads.Form(Uploads.Pdf, "ataskaita.pdf")))
            .Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        object[] Cite() => [new { documentId = document.ToLowerInvariant(), title = "Monitoring report" }];

        var reported = await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones/{milestone}/progress", new { percent = 40, evidence = Cite() }))
            .Expect(HttpStatusCode.OK);
        var evidence = reported["milestones"]![0]!["evidence"]![0]!;
        var path = $"/api/action-plans/{plan}/documents/{document}/content";
        Assert.Equal((document, path, "Monitoring report"), (evidence["documentId"]!.GetValue<string>(), evidence["url"]!.GetValue<string>(), evidence["title"]!.GetValue<string>()));
        var download = await api.As(Caller.Anonymous).Get(path);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Uploads.Pdf, await download.Content.ReadAsByteArrayAsync());

        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/completion", new { completion = "Limited", reason = "Half done", evidence = Cite() }))
            .Expect(HttpStatusCode.OK);
        var organisation = "Transparency International Lithuania";
        var cso = api.As(Caller.Key(await api.KeyOf("cso", "Monitor", organisation)));
        await (await cso.Post($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = "See the report", evidence = Cite() })).Expect(HttpStatusCode.Created);
        await (await cso.Post($"/api/commitments/{id}/milestones/{milestone}/assessments/cso", new { status = "PartiallyMet", comment = "Draft only", evidence = Cite() }))
            .Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/assessments/cso/{Uri.EscapeDataString(organisation)}/responses",
            new { stance = "Accepted", text = new { en = "Agreed" }, evidence = Cite() })).Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Key(await api.Key("irm"))).Post($"/api/commitments/{id}/assessments/irm",
            new { results = new { completion = "Limited", didItOpenGovernment = "Marginal", evidence = Cite() } })).Expect(HttpStatusCode.OK);

        var read = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Expect(HttpStatusCode.OK);
        var a = read["assessments"]!;
        foreach (var cited in new[]
                 {
                     a["self"]!["evidence"]![0], a["cso"]![0]!["evidence"]![0], a["cso"]![0]!["responses"]![0]!["evidence"]![0],
                     read["milestones"]![0]!["csoAssessments"]![0]!["evidence"]![0],
                 })
            Assert.Equal((document, path), (cited!["documentId"]!.GetValue<string>(), cited["url"]!.GetValue<string>()));
        var graph = await api.As(Caller.Anonymous).GraphQL("query($id: ID!) { commitment(id: $id) { milestones { edges { node { evidence { url documentId } } } } } }", new { id });
        Assert.Equal(document, graph["commitment"]!["milestones"]!["edges"]![0]!["node"]!["evidence"]![0]!["documentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_document_of_another_plan_an_unknown_or_withdrawn_one_or_a_url_beside_it_is_a_400_on_that_item_that_writes_nothing()
    {
        var (id, milestone) = await api.CommitmentWithMilestone("LV");
        var plan = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Expect(HttpStatusCode.OK))["planId"]!.GetValue<string>();
        var withdrawn = (await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents", Uploads.Form(Uploads.Pdf, "old.pdf")))
            .Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents/{withdrawn}/withdraw", new { reason = "Superseded" })).Expect(HttpStatusCode.OK);
        var otherPlan = await api.OpenPlan("EE");
        var foreign = (await (await api.As(Caller.Admin).Post($"/api/action-plans/{otherPlan}/documents", Uploads.Form(Uploads.Pdf, "other.pdf")))
            .Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var before = await api.EventCount();

        async Task Refused(string url, object body, string field, string message)
        {
            var problem = await (await api.As(Caller.Admin).Post(url, body)).Expect(HttpStatusCode.BadRequest);
            Assert.Equal([field], problem.ErrorFields());
            Assert.Contains(message, problem["errors"]![field]![0]!.GetValue<string>());
        }
        var progress = $"/api/commitments/{id}/milestones/{milestone}/progress";
        await Refused(progress, new { percent = 10, evidence = new[] { new { documentId = foreign } } }, "evidence[0].documentId", $"is not a document of plan {plan}");
        await Refused(progress, new { percent = 10, evidence = new object[] { new { url = "https://example.org/a" }, new { documentId = $"{plan}-D99" } } },
            "evidence[1].documentId", $"'{plan}-D99' is not a document of plan {plan}; upload it to the plan first.");
        await Refused(progress, new { percent = 10, evidence = new[] { new { documentId = withdrawn } } }, "evidence[0].documentId", "was withdrawn (Superseded)");
        await Refused(progress, new { percent = 10, evidence = new[] { new { url = "https://example.org/a", documentId = withdrawn } } }, "evidence[0]", "exactly one of url");
        await Refused($"/api/commitments/{id}/assessments/irm", new { results = new { completion = "Limited", didItOpenGovernment = "Marginal",
            evidence = new[] { new { documentId = $"{plan}-D7" } } } }, "results.evidence[0].documentId", "is not a document");
        Assert.Equal(before, await api.EventCount());
    }
}
