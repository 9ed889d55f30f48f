using CommitmentTracker.Features.ApiKeys;
using CommitmentTracker.Infrastructure.OpenApi;

namespace CommitmentTracker.Features.Members;

public static class MemberExamples
{
    public static IServiceCollection AddMemberExamples(this IServiceCollection services) => services
        .AddSingleton(new OpenApiExample(typeof(RegisterMember), new RegisterMember(
            "GE", MemberKind.National, new() { ["ka"] = "საქართველო", ["en"] = "Georgia" }, "Europe", "ka")))
        .AddSingleton(new OpenApiExample(typeof(IssueApiKey), new IssueApiKey(
            "Georgia point of contact", ApiKeyRole.poc, "Administration of the Government of Georgia", ["GE"])));
}
