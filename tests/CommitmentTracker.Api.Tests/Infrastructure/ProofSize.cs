namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>
/// The size of a proof run. CI runs the defaults; deploy/trust-proofs.sh sets the PROOF_* variables for a longer run.
/// </summary>
public static class ProofSize
{
    public static int Writers => Read("PROOF_WRITERS", 50);
    public static int FaultWriters => Read("PROOF_FAULT_WRITERS", 4);
    public static int FaultSeconds => Read("PROOF_FAULT_SECONDS", 3);

    /// <summary>The bound on any request's latency during the outage; crash recovery on a busy 2-core box takes seconds.</summary>
    public static int FailFastSeconds => Read("PROOF_FAIL_FAST_SECONDS", 10);

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}
