using CommitmentTracker.Features.Documents;
using CommitmentTracker.Infrastructure.GraphQL;
using GraphQL.Types;

namespace CommitmentTracker.Features.CoCreation;

public sealed class CoCreationGraphType : ObjectGraphType<CoCreationRecord>
{
    public CoCreationGraphType()
    {
        Name = "CoCreation";
        Description = "How the plan was co-created: IAP2 level of public influence, the multi-stakeholder forum, its meetings, the reasoned response.";
        Field<OgpEnumType<InfluenceLevel>>("influenceLevel").Resolve(ctx => ctx.Source.InfluenceLevel);
        Field<BooleanGraphType>("forumExists").Resolve(ctx => ctx.Source.ForumExists);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ForumMeetingGraphType>>>>("meetings").Resolve(ctx => ctx.Source.Meetings);
        Field<LinkOrDocumentGraphType>("reasonedResponse").Resolve(ctx => ctx.Source.ReasonedResponse);
    }
}

public sealed class ForumMeetingGraphType : ObjectGraphType<ForumMeeting>
{
    public ForumMeetingGraphType()
    {
        Name = "ForumMeeting";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<DateOnlyGraphType>>("date").Resolve(ctx => ctx.Source.Date);
        Field<NonNullGraphType<ParticipantsGraphType>>("participants").Resolve(ctx => ctx.Source.Participants);
        Field<NonNullGraphType<LinkOrDocumentGraphType>>("minutes").Resolve(ctx => ctx.Source.Minutes);
    }
}

public sealed class ParticipantsGraphType : ObjectGraphType<Participants>
{
    public ParticipantsGraphType()
    {
        Name = "Participants";
        Field(p => p.Government);
        Field(p => p.CivilSociety);
        Field(p => p.PrivateSector);
        Field(p => p.Academia);
        Field(p => p.Other);
        Field(p => p.Total);
    }
}

public sealed class LinkOrDocumentGraphType : ObjectGraphType<LinkOrDocument>
{
    public LinkOrDocumentGraphType()
    {
        Name = "LinkOrDocument";
        Description = "A public url, or the id of a document uploaded to the same plan.";
        Field(l => l.Url, nullable: true);
        Field<IdGraphType>("documentId").Resolve(ctx => ctx.Source.DocumentId);
    }
}
