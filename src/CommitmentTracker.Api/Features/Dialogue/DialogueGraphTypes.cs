using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Dialogue.Comments;
using CommitmentTracker.Features.Dialogue.Responses;
using CommitmentTracker.Features.MilestoneAssessments;
using CommitmentTracker.Infrastructure.GraphQL;
using GraphQL.Types;

namespace CommitmentTracker.Features.Dialogue;

public sealed class CommentGraphType : ObjectGraphType<CommentView>
{
    public CommentGraphType()
    {
        Name = "Comment";
        Description = "A comment on a commitment or a milestone. A hidden one keeps its place without its text; notice says why.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(c => c.MilestoneId, nullable: true);
        Field(c => c.ParentId, nullable: true).Description("The top-level comment this one replies to.");
        Field(c => c.Text, nullable: true).Description("Plain text as written; null while hidden.");
        Field(c => c.AuthorName);
        Field(c => c.AuthorRole).Description("poc, cso, irm or admin.");
        Field(c => c.AuthorOrganisation);
        Field(c => c.Official).Description("Written by the PoC of the commitment's member: the government speaking.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("postedAt").Resolve(ctx => ctx.Source.PostedAt);
        Field<DateTimeOffsetGraphType>("editedAt").Resolve(ctx => ctx.Source.EditedAt);
        Field(c => c.Edits);
        Field(c => c.Hidden);
        Field(c => c.HiddenReason, nullable: true);
        Field(c => c.Notice, nullable: true).Description("\"hidden by a moderator: <reason>\" while hidden.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommentGraphType>>>>("replies").Resolve(ctx => ctx.Source.Replies);
    }
}

public sealed class ResponseGraphType : ObjectGraphType<ResponseView>
{
    public ResponseGraphType()
    {
        Name = "AssessmentResponse";
        Description = "The government's reasoned response to an assessment, and the version of the assessment it answered.";
        Field<NonNullGraphType<LongGraphType>>("assessmentVersion").Resolve(ctx => ctx.Source.AssessmentVersion);
        Field(r => r.AnswersLatest).Description("False once the assessment was revised after this response.");
        Field<NonNullGraphType<OgpEnumType<ResponseStance>>>("stance").Resolve(ctx => ctx.Source.Stance);
        this.Localized("text", r => new Dictionary<string, string>(r.TextTranslations), r => r.DefaultLanguage);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EvidenceLinkGraphType>>>>("evidence").Resolve(ctx => ctx.Source.Evidence);
        Field(r => r.ResponderName);
        Field(r => r.ResponderRole);
        Field(r => r.ResponderOrganisation);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(ctx => ctx.Source.At);
    }
}

public sealed class CsoMilestoneAssessmentGraphType : ObjectGraphType<CsoMilestoneView>
{
    public CsoMilestoneAssessmentGraphType()
    {
        Name = "CsoMilestoneAssessment";
        Description = "One CSO's latest view of a milestone, beside the PoC's progress report.";
        Field(a => a.Organisation);
        Field<NonNullGraphType<OgpEnumType<MilestoneStatus>>>("status").Resolve(ctx => ctx.Source.Status);
        Field(a => a.Comment);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EvidenceLinkGraphType>>>>("evidence").Resolve(ctx => ctx.Source.Evidence);
        Field(a => a.By);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(ctx => ctx.Source.At);
        Field(a => a.Assessments).Description("How many times this CSO has assessed the milestone.");
    }
}
