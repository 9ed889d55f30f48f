using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Localization;
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

    private static async Task<Ok<MemberResponse>> Get(string code, MemberReads reads, HttpContext http)
    {
        var member = await reads.Get(code, LocalizedText.RequestedLanguages(http.Request), http.RequestAborted);
        http.Response.SetETag(member.Version);
        return TypedResults.Ok(member);
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
