namespace CommitmentTracker.Infrastructure.Hosting;

/// <summary>
/// <c>Worker:Enabled</c> (default true): whether this process is a worker, that is runs the Marten async daemon
/// (HotCold) and takes part in the <see cref="WorkerLeadership"/> whose leader dispatches webhooks and samples the
/// projection lag. API replicas run with <c>Worker__Enabled=false</c>; two or more worker processes run with it on, so
/// none of them is a single point of failure. This is the one place the flag is read.
/// </summary>
public sealed record WorkerOptions
{
    public const string Section = "Worker";

    public bool Enabled { get; init; } = true;

    public static WorkerOptions From(IConfiguration config) =>
        config.GetSection(Section).Get<WorkerOptions>() ?? new WorkerOptions();
}
