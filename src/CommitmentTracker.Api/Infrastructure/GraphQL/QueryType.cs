using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using GraphQL;
using GraphQL.Types;

namespace CommitmentTracker.Infrastructure.GraphQL;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MemberGraphType>>>>("members")
            .Description("All members, by code.")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<MemberReads>().All(ctx.CancellationToken));
        Field<MemberGraphType>("member")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<MemberReads>().Find(ctx.GetArgument<string>("code"), ctx.CancellationToken));
        Connection<ActionPlanGraphType>("actionPlans")
            .Description("Action plans, newest first per member, as a cursor connection.")
            .Argument<StringGraphType>("memberCode")
            .Argument<OgpEnumType<ActionPlanStatus>>("status")
            .ResolveAsync(async ctx =>
            {
                var errors = new FieldErrors();
                var window = Connections.Window(ctx, errors);
                errors.ThrowIfAny();
                var (items, total) = await ctx.RequestServices!.GetRequiredService<ActionPlanReads>().Newest(
                    ctx.GetArgument<string?>("memberCode"), ctx.GetArgument<ActionPlanStatus?>("status"), window.Offset, window.Size, ctx.CancellationToken);
                return Connections.Of(items, window, total);
            });
        this.AddCommitmentQueries();
    }
}
