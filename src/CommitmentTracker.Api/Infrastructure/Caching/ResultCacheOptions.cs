using CommitmentTracker.Infrastructure.Configuration;

namespace CommitmentTracker.Infrastructure.Caching;

/// <summary><c>ResultCache:Enabled</c> (default true): whether dashboard stats and list totals are reused (<see cref="MarkedResults{TKey,TValue}"/>).</summary>
public sealed record ResultCacheOptions : ISettings
{
    public static string Section => "ResultCache";

    public bool Enabled { get; init; } = true;
}

public static class CachingSetup
{
    /// <summary>The generic result cache; a slice registers its own keyed caches over it.</summary>
    public static IServiceCollection AddResultCache(this IServiceCollection services)
    {
        services.AddSettings<ResultCacheOptions>();
        return services.AddSingleton(typeof(MarkedResults<,>));
    }
}
