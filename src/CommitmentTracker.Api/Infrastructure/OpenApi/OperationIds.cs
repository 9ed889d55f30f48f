namespace CommitmentTracker.Infrastructure.OpenApi;

/// <summary>
/// Stable, readable operationIds, keyed by "METHOD route" as ApiExplorer sees it. Generated clients name their methods
/// after these (NSwag: <c>ReportMilestoneProgressAsync</c>), so an id is never derived from a handler's name and never
/// changes once published. <c>OperationIdsTests</c> fails when an operation has none.
/// </summary>
public static class OperationIds
{
    public static readonly IReadOnlyDictionary<string, string> ByRoute = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["POST api/action-plans"] = "DraftActionPlan",
        ["GET api/action-plans"] = "ListActionPlans",
        ["POST api/action-plans/{id}/status"] = "MoveActionPlan",
        ["GET api/action-plans/{id}"] = "GetActionPlan",
        ["POST api/action-plans/{id}/import"] = "ImportActionPlan",
        ["POST api/api-keys"] = "IssueApiKey",
        ["GET api/api-keys"] = "ListApiKeys",
        ["DELETE api/api-keys/{keyId}"] = "RevokeApiKey",
        ["POST api/commitments/{id}/assessments/cso"] = "FileCsoAssessment",
        ["GET api/commitments/{id}/assessments/cso"] = "ListCsoAssessments",
        ["GET api/audit"] = "ReadAudit",
        ["GET api/changes"] = "ReadChanges",
        ["POST api/action-plans/{planId}/commitments"] = "MakeCommitment",
        ["GET api/commitments/{id}"] = "GetCommitment",
        ["PATCH api/commitments/{id}"] = "ReviseCommitment",
        ["GET api/commitments"] = "ListCommitments",
        ["GET api/commitments/stats"] = "GetCommitmentStats",
        ["GET api/commitments/{id}/history"] = "GetCommitmentHistory",
        ["POST api/commitments/{id}/milestones"] = "AddMilestone",
        ["POST api/commitments/{id}/milestones/{milestoneId}/progress"] = "ReportMilestoneProgress",
        ["POST api/commitments/{id}/milestones/{milestoneId}/reschedule"] = "RescheduleMilestone",
        ["POST api/commitments/{id}/completion"] = "ChangeCommitmentCompletion",
        ["POST api/commitments/{id}/assessments/irm"] = "RecordIrmAssessment",
        ["POST api/commitments/{id}/withdraw"] = "WithdrawCommitment",
        ["GET api/export/commitments.csv"] = "ExportCommitmentsCsv",
        ["GET api/export/commitments.json"] = "ExportCommitmentsJson",
        ["GET api/export/milestones.csv"] = "ExportMilestonesCsv",
        ["GET api/export/milestones.json"] = "ExportMilestonesJson",
        ["GET api/export/assessments.csv"] = "ExportAssessmentsCsv",
        ["GET api/export/assessments.json"] = "ExportAssessmentsJson",
        ["GET graphql/schema.graphql"] = "GetGraphQLSchema",
        ["GET health/live"] = "CheckLive",
        ["GET health/ready"] = "CheckReady",
        ["POST api/members"] = "RegisterMember",
        ["GET api/members"] = "ListMembers",
        ["GET api/members/{code}"] = "GetMember",
        ["POST api/webhooks"] = "SubscribeWebhook",
        ["GET api/webhooks"] = "ListWebhooks",
        ["GET api/webhooks/{id}"] = "GetWebhook",
        ["PUT api/webhooks/{id}"] = "UpdateWebhook",
        ["DELETE api/webhooks/{id}"] = "DeleteWebhook",
        ["GET api/webhooks/{id}/deliveries"] = "ListWebhookDeliveries",
        ["PATCH api/action-plans/{id}"] = "ReviseActionPlan",
        ["GET api/action-plans/{id}/history"] = "GetActionPlanHistory",
        ["POST api/commitments/{id}/milestones/{milestoneId}/assessments/cso"] = "FileCsoMilestoneAssessment",
        ["GET api/commitments/{id}/milestones/{milestoneId}/assessments/cso"] = "ListCsoMilestoneAssessments",
        ["PUT api/action-plans/{id}/co-creation/level"] = "SetCoCreationLevel",
        ["POST api/action-plans/{id}/co-creation/meetings"] = "RecordForumMeeting",
        ["PUT api/action-plans/{id}/co-creation/reasoned-response"] = "SetReasonedResponse",
        ["GET api/commitments/{id}/comments"] = "ListComments",
        ["POST api/commitments/{id}/comments"] = "PostComment",
        ["GET api/commitments/{id}/comments/{commentId}"] = "GetComment",
        ["PATCH api/commitments/{id}/comments/{commentId}"] = "EditComment",
        ["GET api/commitments/{id}/comments/{commentId}/history"] = "GetCommentHistory",
        ["POST api/commitments/{id}/comments/{commentId}/hide"] = "HideComment",
        ["POST api/commitments/{id}/comments/{commentId}/restore"] = "RestoreComment",
        ["GET api/commitments/{id}/assessments/cso/{organisation}/responses"] = "ListCsoAssessmentResponses",
        ["POST api/commitments/{id}/assessments/cso/{organisation}/responses"] = "AnswerCsoAssessment",
        ["GET api/commitments/{id}/assessments/irm/responses"] = "ListIrmAssessmentResponses",
        ["POST api/commitments/{id}/assessments/irm/responses"] = "AnswerIrmAssessment",
        ["POST api/action-plans/{id}/documents"] = "UploadPlanDocument",
        ["GET api/action-plans/{id}/documents"] = "ListPlanDocuments",
        ["POST api/action-plans/{id}/documents/{documentId}/withdraw"] = "WithdrawPlanDocument",
        ["GET api/action-plans/{id}/documents/{documentId}/content"] = "DownloadPlanDocument",
        ["GET api/export/history.jsonl"] = "ExportPlanHistory",
        ["PATCH api/members/{code}"] = "ReviseMember",
        ["POST api/members/{code}/status"] = "SetMemberStatus",
        ["GET api/members/{code}/history"] = "GetMemberHistory",
    };

    /// <summary>"METHOD path" with the path as the document shows it: no route constraints, no trailing slash.</summary>
    public static string Key(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription api) => $"{api.HttpMethod} {Path(api)}";

    public static string Path(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription api) =>
        System.Text.RegularExpressions.Regex.Replace(api.RelativePath ?? "", @"\{(\w+)[:?][^}]*\}", "{$1}").TrimEnd('/');

    /// <summary>The id, or null (the test lists every operation that has none).</summary>
    public static string? For(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription api) => ByRoute.GetValueOrDefault(Key(api));
}
