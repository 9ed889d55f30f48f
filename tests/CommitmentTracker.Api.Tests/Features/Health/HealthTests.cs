using System.Net;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Health;

public sealed class HealthTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Live_and_ready_answer_when_postgres_is_up()
    {
        var live = await (await api.Scenario(s => { s.Get.Url("/health/live"); s.StatusCodeShouldBe(HttpStatusCode.OK); })).ReadAsJsonAsync<JsonNode>();
        var ready = await (await api.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBe(HttpStatusCode.OK); })).ReadAsJsonAsync<JsonNode>();
        Assert.Equal("live", live["status"]!.GetValue<string>());
        Assert.Equal("ready", ready["status"]!.GetValue<string>());
    }
}
