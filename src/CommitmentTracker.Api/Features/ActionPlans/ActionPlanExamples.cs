using CommitmentTracker.Infrastructure.OpenApi;

namespace CommitmentTracker.Features.ActionPlans;

public static class ActionPlanExamples
{
    public static IServiceCollection AddActionPlanExamples(this IServiceCollection services) => services
        .AddSingleton(new OpenApiExample(typeof(DraftActionPlan), new DraftActionPlan(
            "GE", 5, new() { ["ka"] = "ღია მმართველობის სამოქმედო გეგმა", ["en"] = "Open Government Action Plan" },
            new PeriodInput(new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 31)), "ka")))
        .AddSingleton(new OpenApiExample(typeof(MoveActionPlan), new MoveActionPlan(ActionPlanStatus.CoCreation, "Multi-stakeholder forum convened")));
}
