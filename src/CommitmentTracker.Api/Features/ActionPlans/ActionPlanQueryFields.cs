using CommitmentTracker.Infrastructure.GraphQL;
using GraphQL;
using GraphQL.Types;

namespace CommitmentTracker.Features.ActionPlans;

/// <summary>The action plan fields of the query root.</summary>
public sealed class ActionPlanQueryFields : IQueryFields
{
    public int Position => 1;

    public void AddTo(ObjectGraphType query) =>
        query.Connection<ActionPlanGraphType>("actionPlans")
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
}
