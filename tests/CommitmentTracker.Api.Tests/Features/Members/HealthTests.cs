using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Members;

public sealed class HealthTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Live_and_ready_answer_when_postgres_is_up()
    {
        var live = await (await api.Anonymous().GetAsync("/health/live")).Expect(HttpStatusCode.OK);
        var ready = await (await api.Anonymous().GetAsync("/health/ready")).Expect(HttpStatusCode.OK);
        Assert.Equal("live", live["status"]!.GetValue<string>());
        Assert.Equal("ready", ready["status"]!.GetValue<string>());
    }
}
