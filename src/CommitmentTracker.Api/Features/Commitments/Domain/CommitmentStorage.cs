using CommitmentTracker.Infrastructure.Marten;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql.Tables;

namespace CommitmentTracker.Features.Commitments;

/// <summary>The commitment snapshot, kept inline with its events, and the columns and indexes its lists and stats read.</summary>
public sealed class CommitmentStorage : IStorageSlice
{
    public void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<Commitment>(SnapshotLifecycle.Inline);
        options.Schema.For<Commitment>()
            // Rows past 256 bytes move their document and search text out of line, so the heap the stats scan holds
            // only the narrow columns below (at 83k commitments: 19 MB instead of 133 MB).
            .StorageParameter("toast_tuple_target", 256)
            // Filters, sorts and dashboard stats read these columns, never the large (TOASTed) document: at 100k
            // commitments a GROUP BY over the JSON took seconds (bench/RESULTS.md).
            .Duplicate(c => c.MemberCode).Duplicate(c => c.PlanId).Duplicate(c => c.Completion).Duplicate(c => c.Progress)
            .Duplicate(c => c.EarliestOpenDue).Duplicate(c => c.Starred).Duplicate(c => c.IrmResultsCompletion)
            .Duplicate(c => c.PolicyAreaMask).Duplicate(c => c.OgpValueMask);
        // A list of one member or plan, in id order, reads its own rows only: with the single-column indexes it walked the
        // id order past every other member's rows (?member=GE&pageSize=1: 40 ms at 100k commitments).
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(Commitment)) return;
            mapping.Indexes.Add(new IndexDefinition($"{mapping.TableName.Name}_idx_member_code_id") { Columns = ["member_code", "id"] });
            mapping.Indexes.Add(new IndexDefinition($"{mapping.TableName.Name}_idx_plan_id_id") { Columns = ["plan_id", "id"] });
        });
    }
}
