namespace CommitmentTracker.Infrastructure.Hosting;

/// <summary>
/// <c>Worker:Enabled</c> (default true): whether this process runs the background work, that is the Marten async
/// daemon (Solo, when an async projection exists) and the webhook dispatcher. API replicas run with
/// <c>Worker__Enabled=false</c>, and exactly one worker process runs with it on, because the daemon can only run
/// Solo here (see README). This is the one place the flag is read.
/// </summary>
public sealed record WorkerOptions
{
    public const string Section = "Worker";

    public bool Enabled { get; init; } = true;

    public static WorkerOptions From(IConfiguration config) =>
        config.GetSection(Section).Get<WorkerOptions>() ?? new WorkerOptions();
}
