using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Infrastructure.GraphQL;
using CommitmentTracker.Infrastructure.Http;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Marten;

namespace CommitmentTracker.Features.Commitments;

public enum CommitmentOrder { Id, IdDesc, UpdatedAt, UpdatedAtDesc, Progress, ProgressDesc }

public sealed class CommitmentFilterInputType : InputObjectGraphType<CommitmentFilter>
{
    public CommitmentFilterInputType()
    {
        Name = "CommitmentFilter";
        Description = "The same filters as GET /api/commitments.";
        Field<StringGraphType>("member");
        Field<StringGraphType>("plan");
        Field<OgpEnumType<PolicyArea>>("policyArea");
        Field<OgpEnumType<OgpValue>>("ogpValue");
        Field<OgpEnumType<Completion>>("completion");
        Field<OgpEnumType<IrmCompletion>>("irmCompletion");
        Field<BooleanGraphType>("overdue");
        Field<StringGraphType>("q").Description("Words, or the beginnings of words, in any script; each must begin a word of the commitment.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new CommitmentFilter(
        value.TryGetValue("member", out var m) ? (string?)m : null, value.TryGetValue("plan", out var p) ? (string?)p : null,
        value.TryGetValue("policyArea", out var a) ? (PolicyArea?)a : null, value.TryGetValue("ogpValue", out var v) ? (OgpValue?)v : null,
        value.TryGetValue("completion", out var c) ? (Completion?)c : null, value.TryGetValue("irmCompletion", out var i) ? (IrmCompletion?)i : null,
        value.TryGetValue("overdue", out var o) ? (bool?)o : null, value.TryGetValue("q", out var q) ? (string?)q : null);
}

public sealed class CompletionCountGraphType : ObjectGraphType<CompletionCount>
{
    public CompletionCountGraphType()
    {
        Name = "CompletionCount";
        Field<NonNullGraphType<OgpEnumType<Completion>>>("completion").Resolve(ctx => ctx.Source.Completion);
        Field(c => c.Count);
    }
}

public sealed class CommitmentStatsGraphType : ObjectGraphType<CommitmentStatsRow>
{
    public CommitmentStatsGraphType()
    {
        Name = "CommitmentStats";
        Field(s => s.Key).Description("The group: a member code, plan id, policy area, OGP value or completion.");
        Field(s => s.Count);
        Field(s => s.Overdue).Description("Commitments with a milestone past due and not Met.");
        Field(s => s.Starred);
        Field(s => s.MeanProgress);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CompletionCountGraphType>>>>("completion")
            .Description("Self-reported completion distribution.").Resolve(ctx => ctx.Source.Completion);
    }
}

/// <summary>The commitment fields of the query root.</summary>
public sealed class CommitmentQueryFields : IQueryFields
{
    public int Position => 2;

    public void AddTo(ObjectGraphType query)
    {
        query.Field<CommitmentGraphType>("commitment")
            .Description("One commitment; with asOf, as it stood at the end of that day, rebuilt from its events.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<DateOnlyGraphType>("asOf")
            .ResolveAsync(async ctx => await Reads(ctx).Find(ctx.GetArgument<string>("id"), ctx.GetArgument<DateOnly?>("asOf"), [], ctx.CancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommitmentStatsGraphType>>>>("commitmentStats")
            .Description("Dashboard aggregates over the commitments that match the filter, one row per group.")
            .Argument<NonNullGraphType<OgpEnumType<StatsGroupBy>>>("groupBy")
            .Argument<CommitmentFilterInputType>("filter")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<CommitmentStatsCache>().Get(
                ctx.RequestServices!.GetRequiredService<IQuerySession>(),
                ctx.GetArgument<StatsGroupBy>("groupBy"), ctx.GetArgument<CommitmentFilter?>("filter") ?? new CommitmentFilter(),
                Reads(ctx).Today, ctx.CancellationToken));

        query.Connection<CommitmentGraphType>("commitments")
            .Description($"Commitments, filtered and ordered, as a cursor connection (at most {Connections.MaxPageSize} a page).")
            .Argument<CommitmentFilterInputType>("filter")
            .Argument<OgpEnumType<CommitmentOrder>>("orderBy")
            .ResolveAsync(async ctx => await Page(ctx));
    }

    private static async Task<object?> Page(IResolveConnectionContext<object?> ctx)
    {
        var errors = new FieldErrors();
        var window = Connections.Window(ctx, errors);
        var filter = ctx.GetArgument<CommitmentFilter?>("filter") ?? new CommitmentFilter();
        var order = ctx.GetArgument<CommitmentOrder?>("orderBy") ?? CommitmentOrder.Id;
        var list = await Reads(ctx).List(filter, SortOf(order), window.Offset, window.Size, [], ctx.CancellationToken, errors);
        return Connections.Of(list.Items, window, list.Total);
    }

    private static CommitmentReads Reads(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<CommitmentReads>();

    private static string SortOf(CommitmentOrder order) => order switch
    {
        CommitmentOrder.IdDesc => "-id",
        CommitmentOrder.UpdatedAt => "updatedAt",
        CommitmentOrder.UpdatedAtDesc => "-updatedAt",
        CommitmentOrder.Progress => "progress",
        CommitmentOrder.ProgressDesc => "-progress",
        _ => "id",
    };
}
