using GraphQL.Types;

namespace CommitmentTracker.Features.Documents;

public sealed class PlanDocumentGraphType : ObjectGraphType<DocumentResponse>
{
    public PlanDocumentGraphType()
    {
        Name = "PlanDocument";
        Description = "A file of the plan's public repository; url is null once it was withdrawn.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(d => d.FileName);
        Field(d => d.ContentType);
        Field<NonNullGraphType<LongGraphType>>("length").Resolve(ctx => ctx.Source.Length);
        Field(d => d.Sha256);
        Field(d => d.Title, nullable: true);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("uploadedAt").Resolve(ctx => ctx.Source.UploadedAt);
        Field(d => d.Url, nullable: true);
        Field<StringGraphType>("withdrawnReason").Resolve(ctx => ctx.Source.Withdrawn?.Reason);
    }
}
