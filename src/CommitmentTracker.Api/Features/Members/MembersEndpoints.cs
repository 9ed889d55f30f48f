using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Localization;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Members;

public static class MembersEndpoints
{
    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/members").WithTags("Members");
        members.MapPost("/", Register).RequireAuthorization(AuthSetup.Writer)
            .WithSummary("Register a national or local member (admin).")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409);
        members.MapPatch("/{code}", Rename).RequireAuthorization(AuthSetup.Writer)
            .WithSummary("Rename a member (admin), with a reason; the name keeps the member's default language.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        members.MapPost("/{code}/status", SetStatus).RequireAuthorization(AuthSetup.Writer)
            .WithSummary("Set a member's standing (admin): Active, UnderReview or Inactive (OGP's procedural review), with a reason.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        members.MapGet("/{code}/history", History).WithSummary("Every event of the member, in order: what, when, who, why.").ProducesProblem(404);
        members.MapGet("/{code}", Get).WithSummary("Read one member; ?asOf=2024-08-30 rebuilds it as of the end of that day.").ProducesProblem(404);
        members.MapGet("/", List).WithSummary("List members, paged and sorted; filter by kind and region.")
            .ProducesValidationProblem();
        return app;
    }

    // The REST route's handlers, which the workspace's member forms call too.
    public static async Task<Created<MemberResponse>> Register(
        RegisterMember command, IDocumentSession session, Actor actor, TimeProvider clock, HttpContext http)
    {
        actor.EnsureAdmin();
        var registered = RegisterMember.Decide(command, actor.Id, EffectiveDate.At(command.EffectiveOn, clock.GetUtcNow(), null, null));
        session.Events.StartStream<Member>(registered.Code, registered);
        await session.SaveChangesAsync(http.RequestAborted);
        var member = Member.Create(registered) with { Version = 1 };
        http.Response.SetETag(member.Version);
        return TypedResults.Created($"/api/members/{member.Id}", MemberResponse.From(member, LocalizedText.RequestedLanguages(http.Request)));
    }

    public static Task<Ok<MemberResponse>> Rename(
        string code, RenameMember command, StreamWrites writes, Actor actor, TimeProvider clock, HttpContext http) =>
        Revise(code, writes, actor, http, command.EffectiveOn, clock, (m, at) => RenameMember.Decide(m, command, actor.Id, at));

    public static Task<Ok<MemberResponse>> SetStatus(
        string code, SetMemberStatus command, StreamWrites writes, Actor actor, TimeProvider clock, HttpContext http) =>
        Revise(code, writes, actor, http, command.EffectiveOn, clock, (m, at) => SetMemberStatus.Decide(m, command, actor.Id, at));

    /// <summary>A write to the member's stream (admin), at now or <paramref name="effectiveOn"/>: not in the future, not before the member's latest change.</summary>
    private static async Task<Ok<MemberResponse>> Revise(
        string code, StreamWrites writes, Actor actor, HttpContext http, DateOnly? effectiveOn, TimeProvider clock, Func<Member, DateTimeOffset, object[]> decide)
    {
        actor.EnsureAdmin();
        var member = await writes.Append<Member>("Member", code.ToUpperInvariant(), http.Request.ExpectedVersion(), async (session, m) =>
            decide(m, effectiveOn is null ? clock.GetUtcNow()
                : EffectiveDate.At(effectiveOn, clock.GetUtcNow(), null, await EffectiveDate.Latest(session, m.Id, m.Version, http.RequestAborted))),
            http.RequestAborted);
        http.Response.SetETag(member.Version);
        return TypedResults.Ok(MemberResponse.From(member, LocalizedText.RequestedLanguages(http.Request)));
    }

    private static async Task<Ok<IReadOnlyList<HistoryEntry>>> History(string code, MemberReads reads, HttpContext http) =>
        TypedResults.Ok(await reads.History(code, http.RequestAborted));

    /// <param name="asOf">yyyy-MM-dd: the member as it stood at the end of that day, judged by each change's effective date.</param>
    private static async Task<Ok<MemberResponse>> Get(string code, DateOnly? asOf, MemberReads reads, HttpContext http)
    {
        var member = await reads.Find(code, asOf, http.RequestAborted);
        http.Response.SetETag(member.Version);
        return TypedResults.Ok(MemberResponse.From(member, LocalizedText.RequestedLanguages(http.Request)));
    }

    /// <param name="kind">National or Local.</param>
    /// <param name="region">Exact region name, e.g. "Europe".</param>
    /// <param name="sort">code, -code, region, -region, registeredAt, -registeredAt.</param>
    private static async Task<Ok<Page<MemberResponse>>> List(
        MemberReads reads, HttpContext http, MemberKind? kind, string? region, string? sort, int? page, int? pageSize)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        return TypedResults.Ok(await reads.List(kind, region, sort, paging, LocalizedText.RequestedLanguages(http.Request), http.RequestAborted, errors));
    }

    public static IServiceCollection AddMemberReads(this IServiceCollection services) => services.AddScoped<MemberReads>();
}
