
namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>A host that logs everything, at every level, from every category.</summary>
public sealed class VerboseLogsApi : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Marten"] = "Trace",
        ["Logging:LogLevel:JasperFx"] = "Trace",
        ["Logging:LogLevel:Weasel"] = "Trace",
        ["Logging:LogLevel:Npgsql"] = "Trace",
    };
}
