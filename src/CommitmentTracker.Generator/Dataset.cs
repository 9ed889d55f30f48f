using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Members;

namespace CommitmentTracker.Generator;

public sealed record MemberSpec(int Index, string Code, MemberKind Kind, string Language, int Slot);

public sealed record PlanSpec(int Index, MemberSpec Member, int Sequence, string Id, Period Period);

public sealed record CommitmentSpec(int Index, PlanSpec Plan, string Id);

/// <summary>
/// The shape of the data set, derived from the size alone: which members, plans and commitment ids exist. Every entity
/// also gets its own random stream from (seed, kind, index), so a resumed or re-batched run builds exactly the same events.
/// </summary>
public sealed class Dataset
{
    public const int PlansPerMember = 10;

    /// <summary>The business "today" of the generated data: fixed, so the data does not depend on the day it is made.</summary>
    public static readonly DateOnly Today = new(2026, 11, 1);

    // Real OGP-ish country codes first (the seed languages' countries lead), then every other two-letter code.
    private static readonly string[] KnownCountries =
    [
        "GE", "AM", "UA", "AZ", "KG", "MD", "AL", "MK", "RS", "ME", "BA", "HR", "RO", "BG", "GR", "IT", "ES", "PT", "FR", "DE",
        "NL", "BE", "LU", "IE", "GB", "NO", "SE", "FI", "DK", "EE", "LV", "LT", "PL", "CZ", "SK", "HU", "SI", "AT", "CH", "MT",
        "CY", "TR", "IL", "JO", "TN", "MA", "NG", "GH", "SN", "CI", "LR", "SL", "KE", "TZ", "MW", "ZA", "BF", "CV", "SC", "MG",
        "US", "CA", "MX", "GT", "SV", "HN", "CR", "PA", "CO", "EC", "PE", "BR", "PY", "UY", "AR", "CL", "DO", "JM", "TT", "BS",
        "PH", "ID", "KR", "JP", "MN", "LK", "PK", "AF", "AU", "NZ", "PG", "MY", "TH", "VN", "KZ", "UZ", "TJ", "TM", "BY", "IS",
    ];

    public MemberSpec[] Members { get; }
    public PlanSpec[] Plans { get; }
    public int CommitmentsPerPlan { get; }
    public int Commitments { get; }

    /// <param name="countries">How many countries; by default one per 1000 commitments.</param>
    public Dataset(int commitments, int? countries = null)
    {
        Commitments = commitments;
        var count = countries ?? Math.Max(1, (int)Math.Round(commitments / 1000.0));
        var codes = KnownCountries.Concat(
                from a in Enumerable.Range('A', 26) from b in Enumerable.Range('A', 26) select $"{(char)a}{(char)b}")
            .Distinct().Take(count).ToArray();
        var languages = Texts.SeedLanguages;
        Members = codes.Select((c, i) => new MemberSpec(i, c, MemberKind.National, languages[i % languages.Length], 0))
            .Concat(codes.Select((c, i) => new MemberSpec(codes.Length + i, $"{c}-{LocalSuffix(i)}", MemberKind.Local, languages[i % languages.Length], 1)))
            .ToArray();
        Plans = Members.SelectMany(m => Enumerable.Range(1, PlansPerMember).Select(s => (m, s)))
            .Select((x, i) => new PlanSpec(i, x.m, x.s, ActionPlan.IdFor(x.m.Code, x.s), PeriodOf(x.m, x.s)))
            .ToArray();
        CommitmentsPerPlan = (commitments + Plans.Length - 1) / Plans.Length;
        // Commitment ids are the country and 4 digits: national plans number from 1, local ones after them.
        if (CommitmentsPerPlan * PlansPerMember * 2 > 9999) throw new ArgumentException("Too many commitments per country for 4-digit ids.");
    }

    public IEnumerable<CommitmentSpec> CommitmentsOf(PlanSpec plan)
    {
        for (var k = 0; k < CommitmentsPerPlan; k++)
        {
            var index = plan.Index * CommitmentsPerPlan + k;
            if (index >= Commitments) yield break;
            var number = plan.Member.Slot * PlansPerMember * CommitmentsPerPlan + (plan.Sequence - 1) * CommitmentsPerPlan + k + 1;
            yield return new CommitmentSpec(index, plan, $"{plan.Member.Code[..2]}{number:D4}");
        }
    }

    /// <summary>A random stream of its own for every entity: kind 1 members, 2 plans, 3 commitments, 4 probes.</summary>
    public static Random Rng(int seed, int kind, long index) =>
        new(unchecked((int)(((seed * 1_000_003L + kind) * 2_654_435_761L + index) % int.MaxValue)));

    /// <summary>Two-year plans, back to back, the tenth running now; members start in different months.</summary>
    private static Period PeriodOf(MemberSpec m, int sequence)
    {
        var start = new DateOnly(2026 - 2 * (PlansPerMember - sequence), 1 + m.Index % 6, 1);
        return new Period(start, start.AddYears(2).AddDays(-1));
    }

    private static string LocalSuffix(int i)
    {
        const string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        return $"{letters[i % 26]}{letters[i / 26 % 26]}{letters[(i * 7 + 3) % 26]}";
    }
}
