
namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

public sealed class CorsWritesFromOneOriginApi : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } =
        new Dictionary<string, string> { ["Cors:WriteOrigins:0"] = "https://workspace.example" };
}
