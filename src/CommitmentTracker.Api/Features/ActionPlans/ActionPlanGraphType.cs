using CommitmentTracker.Features.CoCreation;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Documents;
using CommitmentTracker.Infrastructure.GraphQL;
using GraphQL.Types;

namespace CommitmentTracker.Features.ActionPlans;

public sealed class ActionPlanGraphType : ObjectGraphType<ActionPlan>
{
    public ActionPlanGraphType()
    {
        Name = "ActionPlan";
        Field(p => p.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(p => p.MemberCode);
        Field(p => p.Sequence).Description("OGP's plan number: Action Plan 5.");
        this.Localized("title", p => p.Title, p => p.DefaultLanguage);
        Field<NonNullGraphType<DateOnlyGraphType>>("start").Resolve(ctx => ctx.Source.Period.Start);
        Field<NonNullGraphType<DateOnlyGraphType>>("end").Resolve(ctx => ctx.Source.Period.End);
        Field(p => p.DefaultLanguage);
        Field<NonNullGraphType<OgpEnumType<ActionPlanStatus>>>("status").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => ctx.Source.CreatedAt);
        Field(p => p.Version);
        Field<NonNullGraphType<CoCreationGraphType>>("coCreation").Resolve(ctx => ctx.Source.CoCreation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlanDocumentGraphType>>>>("documents")
            .Resolve(ctx => ctx.Source.Documents.Select(d => DocumentResponse.From(ctx.Source.Id, d)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommitmentGraphType>>>>("commitments")
            .Description("The plan's commitments, by id; loaded for every plan of the document in one query.")
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<BatchLoaders>().LoadMany<string, CommitmentView>("planCommitments", ctx.Source.Id, (ids, ct) =>
                ctx.RequestServices!.GetRequiredService<CommitmentReads>().OfPlans(ids, [], ct)));
    }
}
