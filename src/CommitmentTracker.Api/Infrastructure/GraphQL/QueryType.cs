using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using GraphQL;
using GraphQL.Types;
using CommitmentTracker.Infrastructure.Http;
using Marten;
using Marten.Linq;

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
        Connection<ActionPlanGraphType>("actionPlans")
            .Description("Action plans, newest first per member, as a cursor connection.")
            .Argument<StringGraphType>("memberCode")
            .Argument<OgpEnumType<ActionPlanStatus>>("status")
            .ResolveAsync(async ctx =>
            {
                var errors = new FieldErrors();
                var window = Connections.Window(ctx, errors);
                errors.ThrowIfAny();
                IQueryable<ActionPlan> query = Session(ctx).Query<ActionPlan>().Stats(out QueryStatistics stats);
                if (ctx.GetArgument<string?>("memberCode") is { } code) { var m = code.ToUpperInvariant(); query = query.Where(p => p.MemberCode == m); }
                if (ctx.GetArgument<ActionPlanStatus?>("status") is { } status) query = query.Where(p => p.Status == status);
                return await Connections.PageAsync(query.OrderBy(p => p.MemberCode).ThenByDescending(p => p.Sequence), stats, window, ctx.CancellationToken);
            });
        this.AddCommitmentQueries();
    }

    private static IQuerySession Session(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<IQuerySession>();
}
