using JasperFx;
using Marten;

namespace CommitmentTracker.Infrastructure.Marten;

/// <summary>The one way to write to a stream: load, decide on current state, append at that version.</summary>
public sealed class StreamWrites(ISessionFactory sessions, IEnumerable<IAppendCheck>? checks = null)
{
    private const int Attempts = 3;

    // Each round of racing creators has a winner, so this many attempts serve that many simultaneous creators.
    private const int IdAttempts = 25;

    /// <summary>
    /// With <paramref name="expectedVersion"/> (If-Match), a stream at any other version is a 409 carrying the
    /// current version. Without it, a write that loses a race is decided again on fresh state, so it is never lost
    /// and never applied to state it did not see.
    /// </summary>
    public Task<T> Append<T>(string what, string id, long? expectedVersion, Func<T, object[]> decide, CancellationToken ct)
        where T : class =>
        Write<T>(what, id, expectedVersion, mayStart: false, (_, state) => Task.FromResult(decide(state!)), ct);

    /// <summary>As <see cref="Append{T}(string, string, long?, Func{T, object[]}, CancellationToken)"/>, for a decision that also reads (and may lock) other rows in the write's transaction.</summary>
    public Task<T> Append<T>(string what, string id, long? expectedVersion, Func<IDocumentSession, T, Task<object[]>> decide, CancellationToken ct)
        where T : class =>
        Write<T>(what, id, expectedVersion, mayStart: false, (session, state) => decide(session, state!), ct);

    /// <summary>As <see cref="Append{T}(string, string, long?, Func{T, object[]}, CancellationToken)"/>, but a missing stream is started (version 0) instead of being a 404.</summary>
    public Task<T> AppendOrStart<T>(string what, string id, long? expectedVersion, Func<T?, object[]> decide, CancellationToken ct)
        where T : class =>
        Write<T>(what, id, expectedVersion, mayStart: true, (_, state) => Task.FromResult(decide(state)), ct);

    /// <summary>As <see cref="AppendOrStart{T}(string, string, long?, Func{T, object[]}, CancellationToken)"/>, for a decision that reads other rows in the write's transaction.</summary>
    public Task<T> AppendOrStart<T>(string what, string id, long? expectedVersion, Func<IDocumentSession, T?, Task<object[]>> decide, CancellationToken ct)
        where T : class =>
        Write<T>(what, id, expectedVersion, mayStart: true, decide, ct);

    /// <summary>
    /// Starts a stream with the event <paramref name="decide"/> returns for a fresh session. When the id was assigned by the
    /// server (the next free number), a creator racing for the same id makes this one decide again and take the next;
    /// a client-chosen id that is taken stays a 409.
    /// </summary>
    public async Task<TEvent> Start<T, TEvent>(Func<IDocumentSession, Task<(string Id, TEvent Event, bool Assigned)>> decide, CancellationToken ct)
        where T : class where TEvent : notnull
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = sessions.OpenSession();
            var (id, started, assigned) = await decide(session);
            session.Events.StartStream<T>(id, started);
            try
            {
                await session.SaveChangesAsync(ct);
                return started;
            }
            catch (Exception e) when (assigned && attempt < IdAttempts && IsIdCollision(e))
            {
                // another creator took this number first: the next decide sees it and takes the one after
            }
        }
    }

    /// <summary>
    /// Decides over one fresh session, which <paramref name="decide"/> appends any number of streams to, and saves them in
    /// one SaveChangesAsync: all or nothing. Without <paramref name="save"/> it only decides (a dry run). A stream another
    /// writer started meanwhile makes it decide again on what is there now.
    /// </summary>
    public async Task<T> AppendAll<T>(Func<IDocumentSession, Task<T>> decide, bool save, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = sessions.OpenSession();
            var result = await decide(session);
            if (!save) return result;
            try
            {
                await session.SaveChangesAsync(ct);
                return result;
            }
            catch (Exception e) when (attempt < IdAttempts && (IsIdCollision(e) || e is ConcurrencyException))
            {
                // another writer started one of these streams first: the next decide sees it
            }
        }
    }

    private static bool IsIdCollision(Exception e) =>
        e is global::Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException;

    private async Task<T> Write<T>(string what, string id, long? expectedVersion, bool mayStart, Func<IDocumentSession, T?, Task<object[]>> decide, CancellationToken ct)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = sessions.OpenSession();
            // No If-Match: take the stream's row lock, so the decider sees the latest state and racing writers queue.
            var stream = expectedVersion is null
                ? await session.Events.FetchForExclusiveWriting<T>(id, ct)
                : await session.Events.FetchForWriting<T>(id, ct);
            if (stream.Aggregate is null && !mayStart) throw new ResourceNotFound(what, id);
            var current = stream.CurrentVersion ?? 0;
            if (expectedVersion is { } expected && expected != current) throw new StaleVersion(id, expected, current);

            var events = await decide(session, stream.Aggregate);
            foreach (var check in checks ?? []) await check.Check(session, events, ct);
            stream.AppendMany(events);
            try
            {
                await session.SaveChangesAsync(ct);
                // After FetchForWriting, Marten folds the appended events itself: no read back from the database.
                return await session.Events.FetchLatest<T>(id, ct) ?? throw new InvalidOperationException($"{what} {id} vanished after a write.");
            }
            catch (ConcurrencyException) when (expectedVersion is null && attempt < Attempts)
            {
                // someone else appended in between: decide again on what is there now
            }
            catch (Exception e) when (mayStart && expectedVersion is null && attempt < Attempts && IsIdCollision(e))
            {
                // a missing stream has no row to lock: a racing writer started it first, so decide again on what it holds
            }
            catch (ConcurrencyException)
            {
                await using var query = sessions.QuerySession();
                var now = (await query.Events.FetchStreamStateAsync(id, ct))?.Version ?? current;
                throw new StaleVersion(id, expectedVersion ?? current, now);
            }
        }
    }
}
