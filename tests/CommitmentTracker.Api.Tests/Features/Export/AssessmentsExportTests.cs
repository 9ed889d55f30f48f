using System.Net;
using CommitmentTracker.Api.Tests.Features.Dialogue;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Export;

/// <summary>
/// assessments.csv puts the government's, each CSO's and the IRM's view of a commitment side by side, with reasons,
/// dates, versions and the responses to each, and each CSO's view of a milestone beside the PoC's status; asOf shows
/// them as they stood then, and the list's filters select the commitments.
/// </summary>
public sealed class AssessmentsExportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeOffset May = new(2024, 5, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Csv_has_a_row_per_view_with_reasons_dates_versions_and_responses_today_and_as_of_a_past_date()
    {
        api.Clock.Now = May;
        var (id, milestone) = await api.CommitmentWithMilestone("AM");
        var organisation = "Transparency International Anticorruption Center";
        var cso = api.As(Caller.Key(await api.KeyOf("cso", "Monitor", organisation)));
        var poc = api.As(Caller.Key(await api.KeyOf("poc", "Armenia PoC", "Office of the Prime Minister", "AM")));
        var irm = api.As(Caller.Key(await api.Key("irm")));
        var armenian = ExportData.Armenian(0, 400);

        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/completion", new { completion = "Substantial", reason = "Portal live" })).Expect(HttpStatusCode.OK);
        await (await cso.Post($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = armenian })).Expect(HttpStatusCode.Created);
        await (await poc.Post($"/api/commitments/{id}/assessments/cso/{Uri.EscapeDataString(organisation)}/responses",
            new { stance = "Disputed", text = new { en = "Two regions are live, see the portal." } })).Expect(HttpStatusCode.Created);
        await (await irm.Post($"/api/commitments/{id}/assessments/irm", new
            { design = new { verifiable = true, openGovernmentLens = true, potentialForResults = "Modest", promising = false, comment = "Clear milestones" } }))
            .Expect(HttpStatusCode.OK);
        await (await cso.Post($"/api/commitments/{id}/milestones/{milestone}/assessments/cso", new { status = "NotMet", comment = "Nothing yet" }))
            .Expect(HttpStatusCode.Created);

        api.Clock.Now = May.AddMonths(2);
        await (await cso.Post($"/api/commitments/{id}/assessments/cso", new { completion = "Substantial", comment = "Better now" })).Expect(HttpStatusCode.Created);
        await (await irm.Post($"/api/commitments/{id}/assessments/irm", new { results = new { completion = "Limited", didItOpenGovernment = "Marginal" } }))
            .Expect(HttpStatusCode.OK);

        var (header, today) = ExportData.ParseCsv(await api.As(Caller.Anonymous).Download("/api/export/assessments.csv?member=AM&lang=en"));
        Assert.Equal(["Commitment Unique Identifier", "Country/Locality", "Action Plan", "Title", "Milestone ID", "Assessor", "Organisation", "Completion",
            "Milestone Status", "Potential for Results", "Did It Open Government", "Starred", "Comment or Reason", "Evidence", "By", "Assessed At",
            "Version", "Responses"], header);
        Assert.All(today, r => Assert.Equal(id, r["Commitment Unique Identifier"]));
        Assert.Equal(["Government||Substantial|", $"CSO|{organisation}|Substantial|", "IRM||Limited|", $"Government|||{milestone}", $"CSO|{organisation}||{milestone}"],
            today.Select(r => $"{r["Assessor"]}|{r["Organisation"]}|{r["Completion"]}|{r["Milestone ID"]}"));
        Assert.Equal("Portal live", today[0]["Comment or Reason"]);
        Assert.Equal(("Better now", "2", "2024-07-02T09:00:00Z"), (today[1]["Comment or Reason"], today[1]["Version"], today[1]["Assessed At"]));
        Assert.Equal($"Disputed (to version 1, since revised) by Office of the Prime Minister, 2024-05-02: Two regions are live, see the portal.",
            today[1]["Responses"]);
        Assert.Equal(("Modest", "Marginal", "0", "2"), (today[2]["Potential for Results"], today[2]["Did It Open Government"], today[2]["Starred"], today[2]["Version"]));
        Assert.Equal(("Scheduled", "NotMet", "Nothing yet"), (today[3]["Milestone Status"], today[4]["Milestone Status"], today[4]["Comment or Reason"]));

        var (_, then) = ExportData.ParseCsv(await api.As(Caller.Anonymous).Download("/api/export/assessments.csv?member=AM&lang=en&asOf=2024-05-02"));
        Assert.Equal(["Government||Substantial", $"CSO|{organisation}|Limited", "IRM||"],
            then.Take(3).Select(r => $"{r["Assessor"]}|{r["Organisation"]}|{r["Completion"]}"));
        Assert.Equal((armenian, "1"), (then[1]["Comment or Reason"], then[1]["Version"]));
        Assert.StartsWith("Disputed (to version 1) by", then[1]["Responses"]);
        Assert.Equal(("Modest", "1", "Clear milestones"), (then[2]["Potential for Results"], then[2]["Version"], then[2]["Comment or Reason"]));

        var before = ExportData.ParseCsv(await api.As(Caller.Anonymous).Download("/api/export/assessments.csv?member=AM&asOf=2024-05-01")).Rows;
        Assert.Empty(before);
        Assert.Empty(ExportData.ParseCsv(await api.As(Caller.Anonymous).Download("/api/export/assessments.csv?member=AM&completion=Complete")).Rows);
        var bad = await (await api.As(Caller.Anonymous).Get("/api/export/assessments.json?asOf=May")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["asOf"], bad.ErrorFields());
    }
}
