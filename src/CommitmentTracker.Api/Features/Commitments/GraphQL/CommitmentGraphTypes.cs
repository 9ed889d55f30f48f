using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Dialogue;
using CommitmentTracker.Infrastructure.GraphQL;
using CommitmentTracker.Infrastructure.Http;
using GraphQL;
using GraphQL.Types;
using Marten;

namespace CommitmentTracker.Features.Commitments;

public sealed class InstitutionGraphType : ObjectGraphType<Institution>
{
    public InstitutionGraphType()
    {
        Name = "Institution";
        Field(i => i.Name);
        Field<NonNullGraphType<OgpEnumType<InstitutionKind>>>("kind").Resolve(ctx => ctx.Source.Kind);
    }
}

public sealed class EvidenceLinkGraphType : ObjectGraphType<EvidenceLink>
{
    public EvidenceLinkGraphType()
    {
        Name = "EvidenceLink";
        Field(e => e.Url).Description("A public link, or the download path of the plan's document that documentId names.");
        Field(e => e.Title, nullable: true);
        Field(e => e.Type, nullable: true);
        Field(e => e.DocumentId, nullable: true).Description("A document of the commitment's plan, when the evidence is an uploaded document.");
    }
}

/// <summary>A milestone with its commitment's default language, which its texts fall back to, and the day it is judged on.</summary>
public sealed record MilestoneNode(Milestone Milestone, string DefaultLanguage, DateOnly Day, CommitmentDialogue Dialogue);

public sealed class MilestoneGraphType : ObjectGraphType<MilestoneNode>
{
    public MilestoneGraphType()
    {
        Name = "Milestone";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Milestone.Id);
        this.Localized("title", n => n.Milestone.Title, n => n.DefaultLanguage);
        this.Localized("deliverable", n => n.Milestone.Deliverable, n => n.DefaultLanguage, translations: false);
        Field<StringGraphType>("responsibleInstitution").Resolve(ctx => ctx.Source.Milestone.ResponsibleInstitution);
        Field<NonNullGraphType<DateOnlyGraphType>>("start").Resolve(ctx => ctx.Source.Milestone.Start);
        Field<NonNullGraphType<DateOnlyGraphType>>("due").Resolve(ctx => ctx.Source.Milestone.Due);
        Field<FloatGraphType>("weight").Resolve(ctx => (double?)ctx.Source.Milestone.Weight);
        Field<NonNullGraphType<OgpEnumType<MilestoneStatus>>>("status").Resolve(ctx => ctx.Source.Milestone.Status);
        Field<NonNullGraphType<IntGraphType>>("progress").Resolve(ctx => ctx.Source.Milestone.Progress);
        Field<NonNullGraphType<BooleanGraphType>>("overdue").Description("Due date before today (the app clock) and not Met.")
            .Resolve(ctx => ctx.Source.Milestone.IsOverdue(ctx.Source.Day));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EvidenceLinkGraphType>>>>("evidence").Resolve(ctx => ctx.Source.Milestone.Evidence);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CsoMilestoneAssessmentGraphType>>>>("csoAssessments")
            .Description("Each CSO's view of this milestone, beside the progress report.").Resolve(ctx => ctx.Source.Dialogue.MilestoneAssessments[ctx.Source.Milestone.Id]);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommentGraphType>>>>("comments")
            .Description("The discussion of this milestone: top-level comments with their replies.").Resolve(ctx => ctx.Source.Dialogue.CommentsOn(ctx.Source.Milestone.Id));
    }
}

public sealed class SelfAssessmentGraphType : ObjectGraphType<SelfAssessment>
{
    public SelfAssessmentGraphType()
    {
        Name = "SelfAssessment";
        Description = "The government's self-assessed completion, with why and evidence.";
        Field<NonNullGraphType<OgpEnumType<Completion>>>("completion").Resolve(ctx => ctx.Source.Completion);
        Field(s => s.Reason);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EvidenceLinkGraphType>>>>("evidence").Resolve(ctx => ctx.Source.Evidence);
        Field(s => s.By);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(ctx => ctx.Source.At);
    }
}

public sealed class CsoViewGraphType : ObjectGraphType<CsoView>
{
    public CsoViewGraphType()
    {
        Name = "CsoAssessment";
        Description = "One CSO's latest assessment.";
        Field(c => c.Organisation);
        Field<NonNullGraphType<OgpEnumType<Completion>>>("completion").Resolve(ctx => ctx.Source.Completion);
        Field(c => c.Comment);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EvidenceLinkGraphType>>>>("evidence").Resolve(ctx => ctx.Source.Evidence);
        Field(c => c.By);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(ctx => ctx.Source.At);
        Field(c => c.Assessments).Description("How many assessments this CSO has filed on the commitment: the version the latest answers.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResponseGraphType>>>>("responses")
            .Description("The government's responses to this CSO's assessment.").Resolve(ctx => ctx.Source.Responses);
    }
}

public sealed class IrmGraphType : ObjectGraphType<IrmResponse>
{
    public IrmGraphType()
    {
        Name = "IrmAssessment";
        Field<BooleanGraphType>("verifiable").Resolve(ctx => ctx.Source.Design?.Verifiable);
        Field<BooleanGraphType>("openGovernmentLens").Resolve(ctx => ctx.Source.Design?.OpenGovernmentLens);
        Field<OgpEnumType<PotentialForResults>>("potentialForResults").Resolve(ctx => ctx.Source.Design?.PotentialForResults);
        Field<BooleanGraphType>("promising").Resolve(ctx => ctx.Source.Design?.Promising);
        Field<OgpEnumType<IrmCompletion>>("completion").Resolve(ctx => ctx.Source.Results?.Completion);
        Field<OgpEnumType<DidItOpenGovernment>>("didItOpenGovernment").Resolve(ctx => ctx.Source.Results?.DidItOpenGovernment);
        Field(i => i.Starred).Description("Verifiable, open-government lens, substantial potential, and substantially or fully complete.");
        Field(i => i.Revision).Description("How many verdicts (design or results) the IRM has recorded.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResponseGraphType>>>>("responses")
            .Description("The government's responses to the IRM's assessment.").Resolve(ctx => ctx.Source.Responses);
    }
}

public sealed class AssessmentsGraphType : ObjectGraphType<CommitmentView>
{
    public AssessmentsGraphType()
    {
        Name = "Assessments";
        Description = "The government's, each CSO's and the IRM's views, side by side.";
        Field<SelfAssessmentGraphType>("self").Resolve(ctx => ctx.Source.State.Self);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CsoViewGraphType>>>>("cso").Resolve(ctx => ctx.Source.Cso);
        Field<IrmGraphType>("irm").Resolve(ctx => IrmResponse.Of(ctx.Source.State, ctx.Source.Dialogue));
    }
}

public sealed class HistoryEntryGraphType : ObjectGraphType<HistoryEntry>
{
    public HistoryEntryGraphType()
    {
        Name = "HistoryEntry";
        Description = "One event: a status change, a progress report, an assessment...";
        Field<NonNullGraphType<LongGraphType>>("version").Resolve(ctx => ctx.Source.Version);
        Field<NonNullGraphType<LongGraphType>>("sequence").Resolve(ctx => ctx.Source.Sequence);
        Field(h => h.Stream).Description("The stream the event is in: the commitment's own, or a CSO's assessment stream.");
        Field(h => h.Type);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Description("When the change took effect; asOf judges by it.").Resolve(ctx => ctx.Source.At);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("recordedAt").Description("When the event was stored.").Resolve(ctx => ctx.Source.RecordedAt);
        Field(h => h.Actor, nullable: true).Description("The writer's stable id (key:… or the sign-in's subject).");
        Field(h => h.ActorName, nullable: true).Description("The writer's name, as their key or sign-in gives it.");
        Field(h => h.Role, nullable: true);
        Field(h => h.Organisation, nullable: true);
        Field(h => h.Reason, nullable: true);
        Field<NonNullGraphType<StringGraphType>>("data").Description("The event as JSON, evidence included.")
            .Resolve(ctx => System.Text.Json.JsonSerializer.Serialize(ctx.Source.Data, ctx.Source.Data.GetType(), HistoryJson));
    }

    private static readonly System.Text.Json.JsonSerializerOptions HistoryJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}

/// <summary>A commitment as <see cref="CommitmentReads"/> reads it: judged on its view's day, with its CSO views.</summary>
public sealed class CommitmentGraphType : ObjectGraphType<CommitmentView>
{
    public CommitmentGraphType()
    {
        Name = "Commitment";
        Field<NonNullGraphType<IdGraphType>>("id").Description("OGP style: GE0066.").Resolve(ctx => ctx.Source.State.Id);
        Field<NonNullGraphType<StringGraphType>>("planId").Resolve(ctx => ctx.Source.State.PlanId);
        Field<NonNullGraphType<StringGraphType>>("memberCode").Resolve(ctx => ctx.Source.State.MemberCode);
        this.Localized("title", c => c.State.Title, c => c.State.DefaultLanguage);
        this.Localized("description", c => c.State.Description, c => c.State.DefaultLanguage, translations: false);
        this.Localized("problem", c => c.State.Problem, c => c.State.DefaultLanguage, translations: false);
        this.Localized("objective", c => c.State.Objective, c => c.State.DefaultLanguage, translations: false);
        Field<NonNullGraphType<InstitutionGraphType>>("leadInstitution").Resolve(ctx => ctx.Source.State.LeadInstitution);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InstitutionGraphType>>>>("supportingInstitutions").Resolve(ctx => ctx.Source.State.SupportingInstitutions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OgpEnumType<PolicyArea>>>>>("policyAreas").Resolve(ctx => ctx.Source.State.PolicyAreas);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OgpEnumType<OgpValue>>>>>("ogpValues").Resolve(ctx => ctx.Source.State.OgpValues);
        Field<NonNullGraphType<BooleanGraphType>>("subnational").Resolve(ctx => ctx.Source.State.Subnational);
        Field<NonNullGraphType<OgpEnumType<Completion>>>("completion").Description("Self-reported.").Resolve(ctx => ctx.Source.State.Completion);
        Field<NonNullGraphType<BooleanGraphType>>("withdrawn").Resolve(ctx => ctx.Source.State.Withdrawn);
        Field<NonNullGraphType<FloatGraphType>>("progress").Resolve(ctx => (double)ctx.Source.State.Progress);
        Field<NonNullGraphType<IntGraphType>>("overdueMilestones").Resolve(ctx => ctx.Source.OverdueMilestones);
        Connection<MilestoneGraphType>("milestones").Description("The commitment's milestones in order, as a cursor connection.")
            .Resolve(ctx =>
            {
                var errors = new FieldErrors();
                var window = Connections.Window(ctx, errors);
                errors.ThrowIfAny();
                var view = ctx.Source;
                return Connections.InMemory(view.State.Milestones.Select(m => new MilestoneNode(m, view.State.DefaultLanguage, view.Day, view.Dialogue)).ToList(), window);
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HistoryEntryGraphType>>>>("history")
            .Description("Every event about the commitment, from its own stream, its CSO assessment streams and its dialogue streams, in global order: which stream, what, when, who (role, organisation), why.")
            // One query for every commitment at this level of the document, not one per commitment.
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<BatchLoaders>().LoadMany<CommitmentView, HistoryEntry>("history", ctx.Source, async (views, ct) =>
            {
                var byId = await ctx.RequestServices!.GetRequiredService<CommitmentReads>().Histories(views, ct);
                return views.SelectMany(v => byId[v.State.Id].Select(h => (View: v, Entry: h))).ToLookup(p => p.View, p => p.Entry);
            }));
        Field<NonNullGraphType<AssessmentsGraphType>>("assessments").Resolve(ctx => ctx.Source);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommentGraphType>>>>("comments")
            .Description("The discussion of the commitment itself: top-level comments with their replies (a milestone's are on the milestone).")
            .Resolve(ctx => ctx.Source.Dialogue.CommentsOn(null));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Resolve(ctx => ctx.Source.State.UpdatedAt);
        Field<NonNullGraphType<IntGraphType>>("version").Resolve(ctx => ctx.Source.State.Version);
    }
}
