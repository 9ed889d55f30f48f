using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Localization;
using Marten;
using Marten.Linq;
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
        members.MapGet("/{code}", Get).WithSummary("Read one member.").ProducesProblem(404);
        members.MapGet("/", List).WithSummary("List members, paged and sorted; filter by kind and region.")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Created<MemberResponse>> Register(
        RegisterMember command, IDocumentSession session, Actor actor, TimeProvider clock, HttpContext http)
    {
        actor.EnsureAdmin();
        var registered = RegisterMember.Decide(command, actor.Id, clock.GetUtcNow());
        session.Events.StartStream<Member>(registered.Code, registered);
        await session.SaveChangesAsync(http.RequestAborted);
        var member = Member.Create(registered) with { Version = 1 };
        http.Response.SetETag(member.Version);
        return TypedResults.Created($"/api/members/{member.Id}", MemberResponse.From(member, LocalizedText.RequestedLanguages(http.Request)));
    }

    private static async Task<Ok<MemberResponse>> Get(string code, IQuerySession session, HttpContext http)
    {
        var member = await session.LoadAsync<Member>(code.ToUpperInvariant(), http.RequestAborted)
                     ?? throw new ResourceNotFound("Member", code);
        http.Response.SetETag(member.Version);
        return TypedResults.Ok(MemberResponse.From(member, LocalizedText.RequestedLanguages(http.Request)));
    }

    /// <param name="kind">National or Local.</param>
    /// <param name="region">Exact region name, e.g. "Europe".</param>
    /// <param name="sort">code, -code, region, -region, registeredAt, -registeredAt.</param>
    private static async Task<Ok<Page<MemberResponse>>> List(
        IQuerySession session, HttpContext http, MemberKind? kind, string? region, string? sort, int? page, int? pageSize)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        errors.Defined("kind", kind);
        IQueryable<Member> query = session.Query<Member>().Stats(out var stats);
        if (kind is { } k) query = query.Where(m => m.Kind == k);
        if (!string.IsNullOrWhiteSpace(region)) query = query.Where(m => m.Region == region);
        query = (sort ?? "code") switch
        {
            "code" => query.OrderBy(m => m.Id),
            "-code" => query.OrderByDescending(m => m.Id),
            "region" => query.OrderBy(m => m.Region).ThenBy(m => m.Id),
            "-region" => query.OrderByDescending(m => m.Region).ThenBy(m => m.Id),
            "registeredAt" => query.OrderBy(m => m.RegisteredAt).ThenBy(m => m.Id),
            "-registeredAt" => query.OrderByDescending(m => m.RegisteredAt).ThenBy(m => m.Id),
            _ => errors.InvalidSort(query, "code, region, registeredAt"),
        };
        errors.ThrowIfAny();
        var lang = LocalizedText.RequestedLanguages(http.Request);
        return TypedResults.Ok(await query.ToPageAsync(stats, paging, m => MemberResponse.From(m, lang), http.RequestAborted));
    }
}
