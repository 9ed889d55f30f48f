using GraphQL.DataLoader;

namespace CommitmentTracker.Infrastructure.GraphQL;

/// <summary>
/// Request-scoped batch loaders. The GraphQL.DataLoader package is not served here, so this is the small part of it
/// we need: resolvers return an <see cref="IDataLoaderResult"/>, GraphQL.NET's execution strategy runs every
/// resolver of a level first, then asks for the results, and the first ask fetches all keys queued so far in one query.
/// </summary>
public sealed class BatchLoaders
{
    private readonly Dictionary<string, object> loaders = new(StringComparer.Ordinal);

    public IDataLoaderResult<IEnumerable<T>> LoadMany<TKey, T>(
        string name, TKey key, Func<IReadOnlyCollection<TKey>, CancellationToken, Task<ILookup<TKey, T>>> fetch) where TKey : notnull
    {
        if (!loaders.TryGetValue(name, out var loader)) loaders[name] = loader = new CollectionLoader<TKey, T>(fetch);
        return ((CollectionLoader<TKey, T>)loader).Load(key);
    }

    private sealed class CollectionLoader<TKey, T>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<ILookup<TKey, T>>> fetch)
        where TKey : notnull
    {
        private readonly HashSet<TKey> pending = [];
        private readonly Dictionary<TKey, T[]> loaded = [];

        public IDataLoaderResult<IEnumerable<T>> Load(TKey key)
        {
            if (!loaded.ContainsKey(key)) pending.Add(key);
            return new Result(this, key);
        }

        private async Task<IEnumerable<T>> Get(TKey key, CancellationToken ct)
        {
            if (pending.Count > 0 && !loaded.ContainsKey(key))
            {
                var keys = pending.ToArray();
                pending.Clear();
                var found = await fetch(keys, ct);
                foreach (var k in keys) loaded[k] = found[k].ToArray();
            }
            return loaded.TryGetValue(key, out var values) ? values : [];
        }

        private sealed class Result(CollectionLoader<TKey, T> loader, TKey key) : IDataLoaderResult<IEnumerable<T>>
        {
            public Task<IEnumerable<T>> GetResultAsync(CancellationToken cancellationToken = default) => loader.Get(key, cancellationToken);

            async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
        }
    }
}
