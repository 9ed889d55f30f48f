using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Localization;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Commitments;

/// <summary>
/// What every write to a commitment's stream needs from the request: who (<see cref="Actor"/>) and when (<see cref="Now"/>,
/// by the app's one clock) for the command, the If-Match version, and the response, read back through
/// <see cref="CommitmentReads"/> so a write answers with what a read would.
/// </summary>
public sealed class CommitmentWrites(StreamWrites writes, CommitmentReads reads, Actor actor, TimeProvider clock, IHttpContextAccessor accessor)
{
    public Actor Actor { get; } = actor;
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    private HttpContext Http => accessor.HttpContext!;

    /// <summary>Decides and appends; by default only the member's PoC or an admin may (<paramref name="authorize"/> overrides).</summary>
    public Task<Ok<CommitmentResponse>> Write(string id, Func<Commitment, object[]> decide, Action<Commitment>? authorize = null) =>
        Write(id, (_, s) => Task.FromResult(decide(s)), authorize);

    /// <summary>As above, at the time the change took effect: now, or the start of <paramref name="effectiveOn"/> (<see cref="EffectiveDate"/>).</summary>
    public Task<Ok<CommitmentResponse>> Write(string id, DateOnly? effectiveOn, Func<Commitment, DateTimeOffset, object[]> decide, Action<Commitment>? authorize = null) =>
        Write(id, async (session, s) => decide(s, effectiveOn is null ? Now
            : EffectiveAt(effectiveOn, await session.LoadAsync<ActionPlan>(s.PlanId, Http.RequestAborted) ?? throw new ResourceNotFound("Action plan", s.PlanId), s)), authorize);

    /// <summary>When a write to <paramref name="state"/> (null: a new commitment) in <paramref name="plan"/> takes effect.</summary>
    public DateTimeOffset EffectiveAt(DateOnly? effectiveOn, ActionPlan plan, Commitment? state) =>
        EffectiveDate.At(effectiveOn, Now, plan.Period.Start, state?.UpdatedAt);

    /// <summary>As above, for a decision that reads other rows inside the write's transaction.</summary>
    public async Task<Ok<CommitmentResponse>> Write(string id, Func<IDocumentSession, Commitment, Task<object[]>> decide, Action<Commitment>? authorize = null)
    {
        var commitment = await writes.Append<Commitment>("Commitment", id.ToUpperInvariant(), Http.Request.ExpectedVersion(), async (session, s) =>
        {
            (authorize ?? (c => Actor.EnsureCanWriteMember(c.MemberCode)))(s);
            return await decide(session, s);
        }, Http.RequestAborted);
        Http.Response.SetETag(commitment.Version);
        return TypedResults.Ok(await Respond(commitment));
    }

    /// <summary>201 for a commitment just made (version 1), with its ETag and as a read would show it.</summary>
    public async Task<Created<CommitmentResponse>> Created(Commitment commitment)
    {
        Http.Response.SetETag(commitment.Version);
        return TypedResults.Created($"/api/commitments/{commitment.Id}", await Respond(commitment));
    }

    public async Task<CommitmentResponse> Respond(Commitment commitment) =>
        (await reads.View(commitment, LocalizedText.RequestedLanguages(Http.Request), Http.RequestAborted)).Response;
}
