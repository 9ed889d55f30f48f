using CommitmentTracker.Api.Tests.Site.Workspace;
using System.Net;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>The workspace's browser tests share one host and one chromium.</summary>
[CollectionDefinition(Name)]
public sealed class WorkspaceBrowserCollection : ICollectionFixture<WorkspaceBrowserApi>
{
    public const string Name = "workspace in a browser";
}

// HttpClient, not Alba: the browser host (BrowserApi) answers on a Kestrel socket for chromium and has no TestServer for Alba; its data goes in, and is checked, over that socket.
/// <summary>
/// The browser host with the people of the workspace (two officials of Georgia, one of Armenia, a civil society monitor)
/// and, per language of a journey, commitments of their own with the Georgian seed's texts (shared/seeds), so each test
/// writes to data no other test touches.
/// </summary>
public sealed class WorkspaceBrowserApi : BrowserApi
{
    public const string CsoOrganisation = "Civil Society Institute";

    /// <summary>Georgian seed (003_…): "Civil society – public administration reform and services monitor".</summary>
    public static readonly string GeorgianTitle = SeedLine("საჯარო ადმინისტრირების");

    /// <summary>Georgian seed: "Target area: the municipalities of Guria, Shida Kartli, Mtskheta-Mtianeti."</summary>
    public static readonly string GeorgianRegions = SeedLine("სამიზნე არეალი");

    public string PocGe { get; private set; } = "";
    public string SecondPocGe { get; private set; } = "";
    public string PocAm { get; private set; } = "";
    public string Cso { get; private set; } = "";
    public string Irm { get; private set; } = "";
    public string AmCommitment { get; private set; } = "";
    public string AmMilestone { get; private set; } = "";

    /// <summary>A plan of Armenia in Draft, whose forms Armenia's official may use.</summary>
    public string AmPlan { get; private set; } = "";

    /// <summary>Per journey (a language, or "conflict", "forged"...): a Georgian commitment with one milestone the CSO has assessed.</summary>
    public Dictionary<string, (string Commitment, string Milestone)> Ge { get; } = [];

    /// <summary>Per journey of the plan forms ("plan-en", "plan-ka", "plan-forged", "plan-conflict", "kb"): a Georgian plan in Draft with its own commitment and milestone.</summary>
    public Dictionary<string, (string Plan, string Commitment, string Milestone)> GePlans { get; } = [];
    /// <summary>Per language of the dialogue journey: a monitor and an official of Georgia of its own (each has its own comment budget).</summary>
    public Dictionary<string, (string Cso, string Poc)> Talkers { get; } = [];

    /// <summary>Per language of the admin journey: the comment, with seed text, that the admin hides and shows again.</summary>
    public Dictionary<string, string> ToModerate { get; } = [];

    /// <summary>A monitor whose comment budget a test spends.</summary>
    public string Flooder { get; private set; } = "";

    public const int CommentBudget = 5;

    /// <summary>Rate limits on, as in production, but only the comment budget small enough to reach; request logs kept, to show what they never hold.</summary>
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["RateLimits:Enabled"] = "true", ["RateLimits:PerKeyPerMinute"] = "1000000", ["RateLimits:PerIpPerMinute"] = "1000000",
        ["RateLimits:CommentsPerKeyPerMinute"] = CommentBudget.ToString(),
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting"] = "Information", ["Logging:LogLevel:CommitmentTracker"] = "Information",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = Admin();
        await (await admin.PostJson("/api/members", Given.Member("GE", name: "საქართველო"))).Expect(HttpStatusCode.Created);
        await (await admin.PostJson("/api/members", Given.Member("AM", lang: "hy", name: "Հայաստան"))).Expect(HttpStatusCode.Created);
        PocGe = await IssuedKey("poc", "Nino Beridze", "Administration of the Government", "GE");
        SecondPocGe = await IssuedKey("poc", "Giorgi Kapanadze", "Ministry of Justice", "GE");
        PocAm = await IssuedKey("poc", "Anna Petrosyan", "Office of the Prime Minister", "AM");
        Cso = await IssuedKey("cso", "Monitor", CsoOrganisation);
        Irm = await IssuedKey("irm", "IRM researcher", "IRM");

        var plan = (await (await admin.PostJson("/api/action-plans", Given.Plan("GE", "2024-01-01", "2025-12-31"))).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var cso = WithKey(Cso);
        foreach (var journey in new[] { "en", "ka", "conflict", "forged", "cso-en", "cso-ka", "irm-en", "irm-ka", "dialogue-en", "dialogue-ka", "moderation-en", "moderation-ka", "flood" })
        {
            var title = new Dictionary<string, string> { ["ka"] = GeorgianTitle, ["en"] = $"Public administration reform monitor ({journey})" };
            var id = (await (await admin.PostJson($"/api/action-plans/{plan}/commitments", Given.Commitment(title: title))).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
            var milestone = (await (await admin.PostJson($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created))
                ["milestones"]![0]!["id"]!.GetValue<string>();
            if (!journey.StartsWith("cso", StringComparison.Ordinal))
                await (await cso.PostJson($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = "მხოლოდ ერთ რეგიონში" })).Expect(HttpStatusCode.Created);
            Ge[journey] = (id, milestone);
        }

        foreach (var journey in new[] { "plan-en", "plan-ka", "plan-forged", "plan-conflict", "kb" })
        {
            var draft = (await (await admin.PostJson("/api/action-plans", Given.Plan("GE", "2024-01-01", "2025-12-31", title: GeorgianTitle))).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
            var id = (await (await admin.PostJson($"/api/action-plans/{draft}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
            var milestone = (await (await admin.PostJson($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created))
                ["milestones"]![0]!["id"]!.GetValue<string>();
            GePlans[journey] = (draft, id, milestone);
        }
        foreach (var journey in new[] { "kb", "kb-cso" })
        {
            var title = new Dictionary<string, string> { ["ka"] = GeorgianTitle, ["en"] = $"Public administration reform monitor ({journey})" };
            var id = (await (await admin.PostJson($"/api/action-plans/{plan}/commitments", Given.Commitment(title: title))).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
            var milestone = (await (await admin.PostJson($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created))
                ["milestones"]![0]!["id"]!.GetValue<string>();
            if (journey == "kb")
                await (await cso.PostJson($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = "მხოლოდ ერთ რეგიონში" })).Expect(HttpStatusCode.Created);
            Ge[journey] = (id, milestone);
        }
        AmPlan = (await (await admin.PostJson("/api/action-plans", Given.Plan("AM", "2024-01-01", "2025-12-31", lang: "hy", title: "Երկրորդ ծրագիր")))
            .Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        foreach (var lang in new[] { "en", "ka" })
        {
            Talkers[lang] = (await IssuedKey("cso", $"Tamar Lomidze ({lang})", CsoOrganisation), await IssuedKey("poc", $"Levan Tsiklauri ({lang})", "Administration of the Government", "GE"));
            ToModerate[lang] = (await (await cso.PostJson($"/api/commitments/{Ge["moderation-" + lang].Commitment}/comments", new { text = GeorgianRegions })).Expect(HttpStatusCode.Created))
                ["id"]!.GetValue<string>();
        }
        Flooder = await IssuedKey("cso", "Flooder", CsoOrganisation);

        var amPlan = (await (await admin.PostJson("/api/action-plans", Given.Plan("AM", "2024-01-01", "2025-12-31", lang: "hy", title: "Գործողությունների ծրագիր")))
            .Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        AmCommitment = (await (await admin.PostJson($"/api/action-plans/{amPlan}/commitments",
            Given.Commitment(title: new Dictionary<string, string> { ["hy"] = "Թափանցիկություն", ["en"] = "Transparency in Armenia" })))
            .Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        AmMilestone = (await (await admin.PostJson($"/api/commitments/{AmCommitment}/milestones",
                new { title = new Dictionary<string, string> { ["hy"] = "Հաշվետվություն" }, start = "2024-01-01", due = "2024-12-31" })).Expect(HttpStatusCode.Created))
            ["milestones"]![0]!["id"]!.GetValue<string>();
    }

    /// <summary>Georgia's two officials, each in a browser of their own (in Georgian), signed in on the same form.</summary>
    public async Task<TwoOfficials> TwoOfficialsOn(string form)
    {
        var officials = new TwoOfficials(await NewContext("ka"), await NewContext("ka"));
        await WorkspaceTabs.SignIn(officials.Nino = await officials.First.NewPageAsync(), PocGe, form);
        await WorkspaceTabs.SignIn(officials.Giorgi = await officials.Second.NewPageAsync(), SecondPocGe, form);
        return officials;
    }

    /// <summary>An action plan as the API reads it now.</summary>
    public async Task<System.Text.Json.Nodes.JsonNode> Plan(string plan) =>
        await (await Admin().GetAsync($"/api/action-plans/{plan}")).Expect(HttpStatusCode.OK);

    /// <summary>A commitment as the API reads it now.</summary>
    public async Task<System.Text.Json.Nodes.JsonNode> Read(string commitment) =>
        await (await Admin().GetAsync($"/api/commitments/{commitment}")).Expect(HttpStatusCode.OK);

    /// <summary>Every event and every stored document: the proof that a refused admin post (keys and sessions are documents, not events) stored nothing.</summary>
    public async Task<long> Footprint()
    {
        await using var session = Store.QuerySession();
        var tables = await session.QueryAsync<string>($"select table_name from information_schema.tables where table_schema = '{Schema}' and table_name like 'mt_doc_%'");
        var documents = 0L;
        foreach (var table in tables) documents += (await session.QueryAsync<long>($"select count(*) from {Schema}.{table}")).Single();
        return documents + await EventCount();
    }

    public async Task<string> IssuedKey(string role, string name, string organisation, params string[] members) =>
        (await (await Admin().PostJson("/api/api-keys", new { name, role, organisation, members })).Expect(HttpStatusCode.Created))["secret"]!.GetValue<string>();

    private static string SeedLine(string containing) =>
        Repo.Seed("003_197e165c457b1a02.txt").Split('\n').Select(l => l.Trim()).First(l => l.Contains(containing));
}

public sealed record TwoOfficials(Microsoft.Playwright.IBrowserContext First, Microsoft.Playwright.IBrowserContext Second) : IAsyncDisposable
{
    public Microsoft.Playwright.IPage Nino { get; set; } = default!;
    public Microsoft.Playwright.IPage Giorgi { get; set; } = default!;

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }
}
