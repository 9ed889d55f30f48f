using GraphQL.Types;

namespace CommitmentTracker.Infrastructure.GraphQL;

public sealed class TrackerSchema : Schema
{
    public TrackerSchema(IServiceProvider services, QueryType query) : base(services)
    {
        Query = query;
    }
}
