using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Tracker.Kiota;
using Tracker.Kiota.Models;
using static ContractClients.Checks;

namespace ContractClients;

/// <summary>The lifecycle with the Kiota client: headers (If-Match) go through the request configuration.</summary>
public static class KiotaWalk
{
    public static async Task Run(Checks checks, string baseUrl, string key)
    {
        // Kiota's ApiKeyAuthenticationProvider refuses plain http, and this server is on loopback: the key rides on the
        // HttpClient that Kiota's own factory builds (with its retry, redirect and header middleware).
        using var http = KiotaClientFactory.Create();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var api = new TrackerClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = baseUrl }).Api;
        string planId = "", id = "", milestoneId = "";
        var version = 0;

        await checks.Step("kiota: lists the member's plans as a typed page", async () =>
        {
            var plans = await api.ActionPlans.GetAsync(r => r.QueryParameters.Member = "GE");
            True(plans?.Items is [_, ..], "GE has a plan");
            planId = plans!.Items![0].Id!;
            Equal(ActionPlanStatus.Draft, plans.Items[0].Status, "the plan's status");
        });

        await checks.Step("kiota: makes a commitment; enum arrays go out as names", async () =>
        {
            var made = await api.ActionPlans[planId].Commitments.PostAsync(new MakeCommitment
            {
                Title = new MakeCommitment_title { AdditionalData = { ["ka"] = "ღია ბიუჯეტი", ["en"] = "Open budgets" } },
                Description = new MakeCommitment_description { AdditionalData = { ["en"] = "Publish the budget monthly" } },
                LeadInstitution = new Institution { Name = "Ministry of Finance", Kind = InstitutionKind.Government },
                PolicyAreas = [PolicyArea.FiscalOpenness, PolicyArea.AccessToInformation],
            });
            id = made!.Id!;
            Equal("[FiscalOpenness, AccessToInformation]", $"[{string.Join(", ", made.PolicyAreas!)}]", "policy areas");
        });

        await checks.Step("kiota: reads the commitment in English, typed", async () =>
        {
            var one = await api.Commitments[id].GetAsync(r => r.QueryParameters.Lang = "en");
            Equal("Open budgets", one!.Title, "title");
            Equal("Publish the budget monthly", one.Description, "description");
            version = one.Version!.Value;
        });

        await checks.Step("kiota: revises only the title with If-Match; the unset fields stay as they were", async () =>
        {
            var revised = await api.Commitments[id].PatchAsync(
                new ReviseCommitment { Title = new ReviseCommitment_title { AdditionalData = { ["ka"] = "ღია ბიუჯეტი, ყოველთვიურად", ["en"] = "Open budgets, monthly" } } },
                r => { r.Headers.Add("If-Match", $"\"{version}\""); r.QueryParameters.Lang = "en"; });
            Equal("Open budgets, monthly", revised!.Title, "title");
            Equal("Publish the budget monthly", revised.Description, "description (not sent, so kept)");
            Equal("Ministry of Finance", revised.LeadInstitution?.Name, "lead institution (not sent, so kept)");
            Equal(2, revised.PolicyAreas?.Count, "policy areas (not sent, so kept)");
            Equal(version + 1, revised.Version, "version");
        });

        await checks.Step("kiota: a stale If-Match is a typed 409 with currentVersion", async () =>
        {
            var conflict = await Throws<ConflictProblem>(() => api.Commitments[id].PatchAsync(
                new ReviseCommitment { Title = new ReviseCommitment_title { AdditionalData = { ["ka"] = "ღია ბიუჯეტი", ["en"] = "stale" } } },
                r => r.Headers.Add("If-Match", $"\"{version}\"")));
            Equal(409, conflict.ResponseStatusCode, "status");
            Equal((long)version + 1, conflict.CurrentVersion, "currentVersion");
            Equal((long)version, conflict.ExpectedVersion, "expectedVersion");
            version++;
        });

        await checks.Step("kiota: adds a milestone with If-Match", async () =>
        {
            var added = await api.Commitments[id].Milestones.PostAsync(new AddMilestone
            {
                Title = new AddMilestone_title { AdditionalData = { ["ka"] = "ანგარიში", ["en"] = "Report" } },
                Start = new Date(2024, 3, 1),
                Due = new Date(2024, 12, 31),
            }, r => r.Headers.Add("If-Match", $"\"{version}\""));
            milestoneId = added!.Milestones!.Single().Id!;
            version = added.Version!.Value;
        });

        await checks.Step("kiota: 100% progress without a status is Met (no status sent)", async () =>
        {
            var reported = await api.Commitments[id].Milestones[milestoneId].Progress.PostAsync(
                new ReportMilestoneProgress { Percent = 100, Note = "Published" },
                r => r.Headers.Add("If-Match", $"\"{version}\""));
            var milestone = reported!.Milestones!.Single();
            Equal(MilestoneStatus.Met, milestone.Status, "status");
            Equal(100, milestone.Progress, "progress");
            version = reported.Version!.Value;
        });

        await checks.Step("kiota: an IRM design assessment alone stores no results", async () =>
        {
            var assessed = await api.Commitments[id].Assessments.Irm.PostAsync(new RecordIrmAssessment
            {
                Design = new IrmDesignInput { Verifiable = true, OpenGovernmentLens = true, PotentialForResults = PotentialForResults.Substantial, Promising = false },
            }, r => r.Headers.Add("If-Match", $"\"{version}\""));
            var irm = assessed!.Assessments!.Irm!;
            Equal(PotentialForResults.Substantial, irm.Design?.PotentialForResults, "design.potentialForResults");
            Equal(false, irm.Design?.Promising, "design.promising");
            True(irm.Results is null, "results were not sent, so none are stored");
            version = assessed.Version!.Value;
        });

        await checks.Step("kiota: issues a key with a typed role, and lists it typed", async () =>
        {
            var issued = await api.ApiKeys.PostAsync(new IssueApiKey { Name = "Kiota monitor", Role = ApiKeyRole.Irm, Organisation = "IRM" });
            Equal(ApiKeyRole.Irm, issued!.Role, "the issued key's role");
            var listed = await api.ApiKeys.GetAsync();
            Equal(ApiKeyRole.Irm, listed!.Single(k => k.KeyId == issued.KeyId).Role, "the listed key's role");
        });

        await checks.Step("kiota: a bad value is a 400 whose field errors deserialise", async () =>
        {
            var bad = await Throws<HttpValidationProblemDetails>(() => api.Commitments[id].Milestones[milestoneId].Progress.PostAsync(
                new ReportMilestoneProgress { Percent = 150 }, r => r.Headers.Add("If-Match", $"\"{version}\"")));
            Equal(400, bad.ResponseStatusCode, "status");
            // Kiota types a map of arrays as additional data: each field's messages are an UntypedArray of strings.
            object? messages = null;
            True(bad.Errors?.AdditionalData.TryGetValue("percent", out messages) == true, "errors names percent");
            var texts = ((UntypedArray)messages!).GetValue().OfType<UntypedString>().Select(s => s.GetValue()).ToArray();
            True(texts is [_, ..] && texts.All(t => !string.IsNullOrWhiteSpace(t)), "percent has messages");
            var after = await api.Commitments[id].GetAsync();
            Equal(version, after!.Version, "nothing written");
        });
    }
}
