using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Api.Tests.Features.Members;

/// <summary>Pure deciders: given a command (and state), then this event or these field errors.</summary>
public sealed class DeciderTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Member Georgia = new("GE", MemberKind.National, new() { ["ka"] = "საქართველო" }, "Europe", "ka", Now, "x");

    [Fact]
    public void Register_member_normalises_code_and_language()
    {
        var e = RegisterMember.Decide(new RegisterMember(" ge-tbs ", MemberKind.Local, new() { ["KA"] = "თბილისი" }, "Europe", "KA"), "key:1", Now);
        Assert.Equal("GE-TBS", e.Code);
        Assert.Equal("ka", e.DefaultLanguage);
        Assert.Equal("თბილისი", e.Name["ka"]);
    }

    [Fact]
    public void Register_member_rejects_bad_tags_and_empty_text()
    {
        var ex = Assert.Throws<ValidationFailed>(() =>
            RegisterMember.Decide(new RegisterMember("GE", MemberKind.National, new() { ["not a tag"] = "x", ["en"] = " " }, "Europe", "en"), "k", Now));
        Assert.Contains("name.not a tag", ex.Errors.Keys);
        Assert.Contains("name.en", ex.Errors.Keys);
    }

    [Theory]
    [InlineData("2022-01-01", "2023-12-31", true)]
    [InlineData("2020-09-01", "2024-08-31", true)]
    [InlineData("2022-01-01", "2022-12-31", false)]
    [InlineData("2022-01-01", "2024-12-31", false)]
    public void National_plans_run_two_or_four_years(string start, string end, bool ok)
    {
        var command = new DraftActionPlan("GE", null, new() { ["ka"] = "გეგმა" }, new PeriodInput(DateOnly.Parse(start), DateOnly.Parse(end)), null);
        if (ok) Assert.Equal("GE-AP3", DraftActionPlan.Decide(command, Georgia, 3, "k", Now).PlanId);
        else Assert.Contains("period.end", Assert.Throws<ValidationFailed>(() => DraftActionPlan.Decide(command, Georgia, 3, "k", Now)).Errors.Keys);
    }

    [Fact]
    public void Resolve_falls_back_from_region_to_language_to_default_to_any()
    {
        var text = new Dictionary<string, string> { ["en"] = "plan", ["hy"] = "ծրագիր" };
        Assert.Equal("plan", LocalizedText.Resolve(text, "en-GB", "hy"));
        Assert.Equal("ծրագիր", LocalizedText.Resolve(text, "fr", "hy"));
        Assert.Equal("plan", LocalizedText.Resolve(text, "fr", "de"));
        Assert.Null(LocalizedText.Resolve(new Dictionary<string, string>(), "en", "en"));
    }
}
