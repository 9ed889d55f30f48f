using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Infrastructure.OpenApi;

namespace CommitmentTracker.Features.Commitments;

public static class CommitmentExamples
{
    private static readonly EvidenceLink[] Report = [new("https://example.gov.ge/reports/2024-q3.pdf", "Quarterly monitoring report", "report")];

    public static IServiceCollection AddCommitmentExamples(this IServiceCollection services) => services
        .AddSingleton(new OpenApiExample(typeof(MakeCommitment), new MakeCommitment(
            "GE0066",
            new() { ["ka"] = "მუნიციპალური სერვისების მონიტორინგი", ["en"] = "Monitoring municipal public services" },
            new() { ["en"] = "Civil society monitors public-administration reform in three regions." },
            new() { ["en"] = "Citizens cannot see how municipal services are delivered." },
            new() { ["en"] = "Publish service standards and independent monitoring results." },
            new Institution("Administration of the Government of Georgia", InstitutionKind.Government),
            [new Institution("Civil Society Institute", InstitutionKind.Cso)],
            [PolicyArea.PublicServiceDelivery, PolicyArea.AntiCorruption],
            [OgpValue.CivicParticipation, OgpValue.PublicAccountability], true)))
        .AddSingleton(new OpenApiExample(typeof(ReviseCommitment), new ReviseCommitment(
            null, null, null, null, null, null, [PolicyArea.PublicServiceDelivery, PolicyArea.DigitalGovernance], null)))
        .AddSingleton(new OpenApiExample(typeof(AddMilestone), new AddMilestone(
            new() { ["ka"] = "მონიტორინგის ანგარიშის გამოქვეყნება", ["en"] = "Publish the monitoring report" },
            new() { ["en"] = "Report on 3 regions" }, "Civil Society Institute", new DateOnly(2024, 1, 1), new DateOnly(2024, 9, 30), 2)))
        .AddSingleton(new OpenApiExample(typeof(ReportMilestoneProgress), new ReportMilestoneProgress(60, null, "Two of three regions covered", Report)))
        .AddSingleton(new OpenApiExample(typeof(RescheduleMilestone), new RescheduleMilestone(null, new DateOnly(2024, 12, 31), "Procurement of the survey was delayed")))
        .AddSingleton(new OpenApiExample(typeof(ChangeCompletion), new ChangeCompletion(Completion.Substantial, "Portal live in two regions", Report)))
        .AddSingleton(new OpenApiExample(typeof(WithdrawCommitment), new WithdrawCommitment("Merged into GE0067 after co-creation")))
        .AddSingleton(new OpenApiExample(typeof(FileCsoAssessment), new FileCsoAssessment(Completion.Limited, "Data for one region only", Report)))
        .AddSingleton(new OpenApiExample(typeof(RecordIrmAssessment), new RecordIrmAssessment(
            new IrmDesignInput(true, true, PotentialForResults.Substantial, true, "Clear, verifiable milestones"),
            new IrmResultsInput(IrmCompletion.Substantial, DidItOpenGovernment.Major, "Service data now public", Report))));
}
