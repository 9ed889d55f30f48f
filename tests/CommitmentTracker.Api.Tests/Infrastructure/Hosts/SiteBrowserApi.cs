using System.Net;
using System.Net.Http.Json;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>The site's browser tests share one host and one chromium (starting either is the slow part).</summary>
[CollectionDefinition(Name)]
public sealed class SiteBrowserCollection : ICollectionFixture<SiteBrowserApi>
{
    public const string Name = "site in a browser";
}

// HttpClient, not Alba: the browser host (BrowserApi) answers on a Kestrel socket for chromium and has no TestServer for Alba; its data goes in over that socket.
/// <summary>
/// The browser host with a small data set written through the API: a Georgian member and an Armenian one with their
/// own seed texts (shared/seeds), all three kinds of assessment, a rescheduled and an overdue milestone, and a
/// commitment whose every text is an injection attempt mixed into Georgian and Armenian.
/// </summary>
public sealed class SiteBrowserApi : BrowserApi
{
    /// <summary>Georgian seed (003_…): "Civil society – public administration reform and services monitor".</summary>
    public static readonly string GeorgianTitle = SeedLine("003_197e165c457b1a02.txt", "საჯარო ადმინისტრირების");

    /// <summary>Armenian seed (000_…): "EU for Integrity. OGP support to the Eastern Partnership countries".</summary>
    public static readonly string ArmenianTitle = SeedLine("000_5fd3270c7009d1bb.txt", "ԵՄ հանուն");

    /// <summary>Every way a text could try to run script; none may run, and the page sets <c>window.__xss</c> if one does.</summary>
    public const string Script = "<script>window.__xss='script'</script>";
    public const string Img = "<img src=x onerror=\"window.__xss='onerror'\">";
    public const string JsLink = "<a href=\"javascript:window.__xss='href'\">Բաց</a>";

    /// <summary>The text of a comment a moderator hid: no page may show it.</summary>
    public const string HiddenText = "Buy followers here";

    public string Commitment { get; private set; } = "";
    public string Milestone { get; private set; } = "";
    public string ArmenianCommitment { get; private set; } = "";
    public string Hostile { get; private set; } = "";
    public string GeorgianPlan { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = Admin();
        await (await admin.PostJson("/api/members", Given.Member("GE", name: "საქართველო"))).Expect(HttpStatusCode.Created);
        await (await admin.PostJson("/api/members", Given.Member("AM", lang: "hy", name: "Հայաստան"))).Expect(HttpStatusCode.Created);
        var georgian = new Dictionary<string, string> { ["ka"] = GeorgianTitle, ["en"] = "Civil society monitor of public administration reform" };
        var georgianPlan = (await (await admin.PostJson("/api/action-plans", Given.Plan("GE", "2024-01-01", "2025-12-31"))).Expect(HttpStatusCode.Created))
            ["id"]!.GetValue<string>();
        Commitment = (await (await admin.PostJson($"/api/action-plans/{georgianPlan}/commitments", Given.Commitment(title: georgian))).Expect(HttpStatusCode.Created))
            ["id"]!.GetValue<string>();
        GeorgianPlan = (await (await admin.GetAsync($"/api/commitments/{Commitment}")).Expect(HttpStatusCode.OK))["planId"]!.GetValue<string>();
        Milestone = (await (await admin.PostJson($"/api/commitments/{Commitment}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created))
            ["milestones"]![0]!["id"]!.GetValue<string>();
        // Georgian only: the English page shows it marked as a fallback, with lang="ka".
        var problem = new { problem = new Dictionary<string, string> { ["ka"] = SeedLine("003_197e165c457b1a02.txt", "მონიტორი") } };
        await (await admin.PatchAsync($"/api/commitments/{Commitment}", JsonContent.Create(problem))).Expect(HttpStatusCode.OK);
        await (await admin.PostJson($"/api/commitments/{Commitment}/milestones", Given.Milestone("2024-01-15", "2024-04-30"))).Expect(HttpStatusCode.Created);
        await (await admin.PostJson($"/api/commitments/{Commitment}/milestones/{Milestone}/progress", new
        {
            percent = 40, note = "ორი რეგიონი",
            evidence = new[] { new { url = "https://csi.ge/report.pdf", title = "ანგარიში" } },
        })).Expect(HttpStatusCode.OK);
        await (await admin.PostJson($"/api/commitments/{Commitment}/milestones/{Milestone}/reschedule", new { due = "2025-06-30", reason = "შესყიდვა დაგვიანდა" }))
            .Expect(HttpStatusCode.OK);
        await (await admin.PostJson($"/api/commitments/{Commitment}/completion", new { completion = "Complete", reason = "პორტალი მუშაობს" })).Expect(HttpStatusCode.OK);
        var cso = WithKey(await IssuedKey("cso", "Monitor", "Civil Society Institute"));
        await (await cso.PostJson($"/api/commitments/{Commitment}/assessments/cso", new { completion = "Limited", comment = "მხოლოდ ერთ რეგიონში" })).Expect(HttpStatusCode.Created);
        // The dialogue: the PoC answers the CSO, which then revises (the answer is to an earlier version), disputes the
        // IRM, replies to a comment; a moderator hides one; the CSO gives its view of a milestone.
        var poc = WithKey(await IssuedKey("poc", "Nino Beridze", "Administration of the Government", "GE"));
        await (await poc.PostJson($"/api/commitments/{Commitment}/assessments/cso/Civil%20Society%20Institute/responses", new
            { stance = "PartlyAccepted", text = new Dictionary<string, string> { ["ka"] = "ორი რეგიონი უკვე მუშაობს", ["en"] = "Two regions are live" } }))
            .Expect(HttpStatusCode.Created);
        await (await cso.PostJson($"/api/commitments/{Commitment}/assessments/cso", new { completion = "Limited", comment = "ორ რეგიონში, არა სამში" })).Expect(HttpStatusCode.Created);
        var top = (await (await cso.PostJson($"/api/commitments/{Commitment}/comments", new { text = SeedLine("003_197e165c457b1a02.txt", "საჯარო") })).Expect(HttpStatusCode.Created))
            ["id"]!.GetValue<string>();
        await (await poc.PostJson($"/api/commitments/{Commitment}/comments", new { text = "მონაცემები ივლისში გამოქვეყნდა", parentId = top })).Expect(HttpStatusCode.Created);
        var spam = (await (await cso.PostJson($"/api/commitments/{Commitment}/comments", new { text = HiddenText })).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await admin.PostJson($"/api/commitments/{Commitment}/comments/{spam}/hide", new { reason = "Off topic" })).Expect(HttpStatusCode.OK);
        await (await cso.PostJson($"/api/commitments/{Commitment}/milestones/{Milestone}/assessments/cso", new { status = "PartiallyMet", comment = "ერთი რეგიონი" }))
            .Expect(HttpStatusCode.Created);
        var irm = WithKey(await IssuedKey("irm", "IRM researcher", "IRM"));
        await (await irm.PostJson($"/api/commitments/{Commitment}/assessments/irm", new
            { design = new { verifiable = true, openGovernmentLens = true, potentialForResults = "Substantial", promising = true } })).Expect(HttpStatusCode.OK);
        await (await irm.PostJson($"/api/commitments/{Commitment}/assessments/irm", new { results = new { completion = "Limited", didItOpenGovernment = "Marginal" } }))
            .Expect(HttpStatusCode.OK);
        await (await poc.PostJson($"/api/commitments/{Commitment}/assessments/irm/responses", new { stance = "Disputed", text = new { en = "All three regions are live." } }))
            .Expect(HttpStatusCode.Created);

        // Armenian, with no English title: the English page falls back to Armenian.
        var armenianPlan = (await (await admin.PostJson("/api/action-plans", Given.Plan("AM", "2024-01-01", "2025-12-31", lang: "hy", title: "Գործողությունների ծրագիր")))
            .Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        async Task<string> Armenian(object commitment) =>
            (await (await admin.PostJson($"/api/action-plans/{armenianPlan}/commitments", commitment)).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        ArmenianCommitment = await Armenian(Given.Commitment(title: new Dictionary<string, string> { ["hy"] = ArmenianTitle },
            description: new Dictionary<string, string> { ["hy"] = SeedLine("000_5fd3270c7009d1bb.txt", "Իրականացման") }));

        Hostile = await Armenian(Given.Commitment(
            title: new Dictionary<string, string> { ["hy"] = $"{Script} Թափանցիկություն {Img}", ["en"] = $"Transparency {Script}{Img}" },
            description: new Dictionary<string, string> { ["hy"] = $"Բյուջե {JsLink}", ["en"] = $"Budget {JsLink}" }));
        var hostileMilestone = (await (await admin.PostJson($"/api/commitments/{Hostile}/milestones", new
            {
                title = new Dictionary<string, string> { ["hy"] = $"Հաշվետվություն {Img}" }, responsibleInstitution = $"{Script} նախարարություն",
                start = "2024-01-01", due = "2024-12-31",
            })).Expect(HttpStatusCode.Created))
            ["milestones"]![0]!["id"]!.GetValue<string>();
        await (await admin.PostJson($"/api/commitments/{Hostile}/milestones/{hostileMilestone}/progress", new
        {
            percent = 10, note = $"ანგარიში {Img}",
            // The API refuses a javascript: evidence address (400), so only its title carries script here.
            evidence = new[] { new { url = "https://example.org/ok.pdf?x=\"><script>window.__xss='url'</script>", title = $"Հաշվետվություն {Script}" } },
        })).Expect(HttpStatusCode.OK);
        await (await admin.PostJson($"/api/commitments/{Hostile}/completion", new { completion = "Limited", reason = $"{Img} მიზეზი" })).Expect(HttpStatusCode.OK);
    }

    private async Task<string> IssuedKey(string role, string name, string organisation, params string[] members) =>
        (await (await Admin().PostJson("/api/api-keys", new { name, role, organisation, members })).Expect(HttpStatusCode.Created))["secret"]!.GetValue<string>();

    private static string SeedLine(string file, string containing) =>
        Repo.Seed(file).Split('\n').Select(l => l.Trim()).First(l => l.Contains(containing));
}
