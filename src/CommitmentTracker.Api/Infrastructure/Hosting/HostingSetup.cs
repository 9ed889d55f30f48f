using CommitmentTracker.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Infrastructure.Hosting;

public static class HostingSetup
{
    /// <summary>
    /// The process's role (<see cref="WorkerOptions"/>), the leadership among worker processes
    /// (<see cref="WorkerLeadership"/>) and graceful shutdown: on SIGTERM Kestrel stops accepting,
    /// in-flight requests and background services get <c>Hosting:ShutdownTimeoutSeconds</c> (default 30) to finish.
    /// </summary>
    public static IServiceCollection AddHostingRole(this IServiceCollection services)
    {
        services.AddSettings<WorkerOptions>();
        services.AddSettings<HostingOptions>();
        services.AddSingleton<WorkerLeadership>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerLeadership>());
        services.AddOptions<HostOptions>().Configure<IOptions<HostingOptions>>((o, hosting) =>
            o.ShutdownTimeout = TimeSpan.FromSeconds(hosting.Value.ShutdownTimeoutSeconds));
        return services;
    }
}
