using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using GraphQL;
using GraphQL.Types;
using Marten;

namespace CommitmentTracker.Infrastructure.GraphQL;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MemberGraphType>>>>("members")
            .Description("All members, by code.")
            .ResolveAsync(async ctx => await Session(ctx).Query<Member>().OrderBy(m => m.Id).ToListAsync(ctx.CancellationToken));
        Field<MemberGraphType>("member")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .ResolveAsync(async ctx => await Session(ctx).LoadAsync<Member>(ctx.GetArgument<string>("code").ToUpperInvariant(), ctx.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActionPlanGraphType>>>>("actionPlans")
            .Description("A member's action plans, newest first.")
            .Argument<NonNullGraphType<StringGraphType>>("memberCode")
            .ResolveAsync(async ctx =>
            {
                var code = ctx.GetArgument<string>("memberCode").ToUpperInvariant();
                return await Session(ctx).Query<ActionPlan>().Where(p => p.MemberCode == code)
                    .OrderByDescending(p => p.Sequence).ToListAsync(ctx.CancellationToken);
            });
        this.AddCommitmentQueries();
    }

    private static IQuerySession Session(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<IQuerySession>();
}
