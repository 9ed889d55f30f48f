using Tracker.NSwag;
using static ContractClients.Checks;

namespace ContractClients;

/// <summary>The lifecycle with the NSwag client: every declared header (If-Match, lang, ...) is a method parameter.</summary>
public static class NSwagWalk
{
    public static async Task Run(Checks checks, string baseUrl, string key)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var api = new TrackerClient(http) { BaseUrl = baseUrl };
        string planId = "", id = "", milestoneId = "";
        var version = 0L;
        string IfMatch() => $"\"{version}\"";

        await checks.Step("nswag: lists the member's plans as a typed page", async () =>
        {
            var plans = await api.ListActionPlansAsync("GE", null, null, null, null, null, null, null);
            True(plans.Items.Count > 0, "GE has a plan");
            planId = plans.Items.First().Id;
            Equal(ActionPlanStatus.Draft, plans.Items.First().Status, "the plan's status");
        });

        await checks.Step("nswag: makes a commitment; enum arrays go out as names", async () =>
        {
            var made = await api.MakeCommitmentAsync(planId, null, null, null, new MakeCommitment
            {
                Title = new Dictionary<string, string> { ["ka"] = "ღია შესყიდვები", ["en"] = "Open contracting" },
                Description = new Dictionary<string, string> { ["en"] = "Publish every contract" },
                LeadInstitution = new Institution { Name = "State Procurement Agency", Kind = InstitutionKind.Government },
                PolicyAreas = [PolicyArea.OpenContracting, PolicyArea.AntiCorruption],
            });
            id = made.Id;
            Equal("[OpenContracting, AntiCorruption]", $"[{string.Join(", ", made.PolicyAreas)}]", "policy areas");
        });

        await checks.Step("nswag: reads the commitment in English, typed", async () =>
        {
            var one = await api.GetCommitmentAsync(id, null, "en", null, null);
            Equal("Open contracting", one.Title, "title");
            Equal("Publish every contract", one.Description, "description");
            version = one.Version;
        });

        await checks.Step("nswag: revises only the title with If-Match; the unset fields stay as they were", async () =>
        {
            var revised = await api.ReviseCommitmentAsync(id, null, "en", null, IfMatch(),
                new ReviseCommitment { Title = new Dictionary<string, string> { ["ka"] = "ღია შესყიდვები, სრულად", ["en"] = "Open contracting, in full" } });
            Equal("Open contracting, in full", revised.Title, "title");
            Equal("Publish every contract", revised.Description, "description (not sent, so kept)");
            Equal("State Procurement Agency", revised.LeadInstitution.Name, "lead institution (not sent, so kept)");
            Equal(2, revised.PolicyAreas.Count, "policy areas (not sent, so kept)");
            Equal(version + 1, revised.Version, "version");
        });

        await checks.Step("nswag: a stale If-Match is a typed 409 with currentVersion", async () =>
        {
            var conflict = await Throws<ApiException<ConflictProblem>>(() => api.ReviseCommitmentAsync(id, null, null, null, IfMatch(),
                new ReviseCommitment { Title = new Dictionary<string, string> { ["ka"] = "ღია შესყიდვები", ["en"] = "stale" } }));
            Equal(409, conflict.StatusCode, "status");
            Equal(version + 1, conflict.Result.CurrentVersion, "currentVersion");
            Equal(version, conflict.Result.ExpectedVersion, "expectedVersion");
            version++;
        });

        await checks.Step("nswag: adds a milestone with If-Match", async () =>
        {
            var added = await api.AddMilestoneAsync(id, null, null, null, IfMatch(), new AddMilestone
            {
                Title = new Dictionary<string, string> { ["ka"] = "რეესტრი", ["en"] = "Register" },
                Start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero),
                Due = new DateTimeOffset(2024, 12, 31, 0, 0, 0, TimeSpan.Zero),
            });
            milestoneId = added.Milestones.Single().Id;
            version = added.Version;
        });

        await checks.Step("nswag: 100% progress without a status is Met (no status sent)", async () =>
        {
            var reported = await api.ReportMilestoneProgressAsync(id, milestoneId, null, null, null, IfMatch(),
                new ReportMilestoneProgress { Percent = 100, Note = "Published" });
            var milestone = reported.Milestones.Single();
            Equal(MilestoneStatus.Met, milestone.Status, "status");
            Equal(100, milestone.Progress, "progress");
            version = reported.Version;
        });

        await checks.Step("nswag: an IRM design assessment alone stores no results", async () =>
        {
            var assessed = await api.RecordIrmAssessmentAsync(id, null, null, null, IfMatch(), new RecordIrmAssessment
            {
                Design = new IrmDesignInput { Verifiable = true, OpenGovernmentLens = true, PotentialForResults = PotentialForResults.Substantial, Promising = false },
            });
            var irm = assessed.Assessments.Irm;
            Equal(PotentialForResults.Substantial, irm.Design?.PotentialForResults, "design.potentialForResults");
            Equal(false, irm.Design?.Promising, "design.promising");
            True(irm.Results is null, "results were not sent, so none are stored");
            version = assessed.Version;
        });

        await checks.Step("nswag: issues a key with a typed role, and lists it typed", async () =>
        {
            var issued = await api.IssueApiKeyAsync(null, null, null, new IssueApiKey { Name = "NSwag monitor", Role = ApiKeyRole.Cso, Organisation = "Transparency Watch" });
            Equal(ApiKeyRole.Cso, issued.Role, "the issued key's role");
            var listed = await api.ListApiKeysAsync(null, null, null);
            Equal(ApiKeyRole.Cso, listed.Single(k => k.KeyId == issued.KeyId).Role, "the listed key's role");
        });

        await checks.Step("nswag: a bad value is a 400 whose field errors deserialise", async () =>
        {
            var bad = await Throws<ApiException<HttpValidationProblemDetails>>(() => api.ReportMilestoneProgressAsync(
                id, milestoneId, null, null, null, IfMatch(), new ReportMilestoneProgress { Percent = 150 }));
            Equal(400, bad.StatusCode, "status");
            True(bad.Result.Errors.TryGetValue("percent", out var messages) && messages.Count > 0, "errors names percent");
            var after = await api.GetCommitmentAsync(id, null, null, null, null);
            Equal(version, after.Version, "nothing written");
        });
    }
}
