using CommitmentTracker.Infrastructure.GraphQL;
using GraphQL.Types;

namespace CommitmentTracker.Features.Members;

public sealed class MemberGraphType : ObjectGraphType<Member>
{
    public MemberGraphType()
    {
        Name = "Member";
        Description = "A national or local (OGP Local) government.";
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<OgpEnumType<MemberKind>>>("kind").Resolve(ctx => ctx.Source.Kind);
        this.Localized("name", m => m.Name, m => m.DefaultLanguage);
        Field(m => m.Region);
        Field(m => m.DefaultLanguage);
        Field<NonNullGraphType<OgpEnumType<MemberStatus>>>("status").Description("OGP's procedural standing: Active, UnderReview or Inactive.")
            .Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("registeredAt").Resolve(ctx => ctx.Source.RegisteredAt);
        Field(m => m.Version);
    }
}
