using CommitmentTracker.Infrastructure.GraphQL;
using GraphQL;
using GraphQL.Types;

namespace CommitmentTracker.Features.Members;

/// <summary>The member fields of the query root.</summary>
public sealed class MemberQueryFields : IQueryFields
{
    public int Position => 0;

    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<MemberGraphType>>>>("members")
            .Description("All members, by code.")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<MemberReads>().All(ctx.CancellationToken));
        query.Field<MemberGraphType>("member")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<MemberReads>().Find(ctx.GetArgument<string>("code"), ctx.CancellationToken));
    }
}
