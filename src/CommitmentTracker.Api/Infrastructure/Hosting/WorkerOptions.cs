using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Infrastructure.Configuration;

namespace CommitmentTracker.Infrastructure.Hosting;

/// <summary>
/// <c>Worker:Enabled</c> (default true): whether this process is a worker, that is runs the Marten async daemon
/// (HotCold) and takes part in the <see cref="WorkerLeadership"/> whose leader dispatches webhooks and samples the
/// projection lag. API replicas run with <c>Worker__Enabled=false</c>; two or more worker processes run with it on, so
/// none of them is a single point of failure. <c>Worker:LeadershipPollSeconds</c> (default 2): how often a worker that
/// does not lead tries for the lock, and the leader's lock keepalive.
/// </summary>
public sealed record WorkerOptions : ISettings
{
    public static string Section => "Worker";

    public bool Enabled { get; init; } = true;

    [PositiveDuration(3600)] public double LeadershipPollSeconds { get; init; } = 2;
}

/// <summary><c>Hosting:ShutdownTimeoutSeconds</c> (default 30): the grace for in-flight requests and background work on SIGTERM.</summary>
public sealed class HostingOptions : ISettings
{
    public static string Section => "Hosting";

    [Range(0, 3600)] public int ShutdownTimeoutSeconds { get; set; } = 30;
}
