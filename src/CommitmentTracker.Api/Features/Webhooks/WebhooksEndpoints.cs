using CommitmentTracker.Features.Changes;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Configuration;
using CommitmentTracker.Infrastructure.Hosting;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
using CommitmentTracker.Infrastructure.Observability;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Webhooks;

public static class WebhooksEndpoints
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<WebhookOptions>();
        services.AddHttpClient(WebhookSender.ClientName, (sp, client) => client.Timeout = sp.GetRequiredService<WebhookOptions>().Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectCallback = WebhookTargets.Connect(sp.GetRequiredService<WebhookOptions>().AllowPrivateTargets),
            });
        services.AddSingleton<WebhookSender>();
        // API replicas (Worker:Enabled=false) do not deliver: exactly one worker process does.
        if (config.Settings<WorkerOptions>().Enabled) services.AddHostedService<WebhookDispatcher>();
        services.AddSingleton<ICheckpointSource, WebhookCheckpoints>();
        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<WebhookSubscription>().Index(s => s.Owner);
            opts.Schema.For<WebhookCheckpoint>();
            opts.Schema.For<WebhookDelivery>().Index(d => d.SubscriptionId);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(AuthSetup.Writer);
        hooks.MapPost("/", Create).WithSummary("Subscribe a URL to the change feed (cso or admin). The signing secret is shown once, in this response.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        hooks.MapGet("/", List).WithSummary("Your subscriptions (admin: everyone's), without secrets.").ProducesProblem(401);
        hooks.MapGet("/{id:guid}", Get).WithSummary("One subscription and how far it has been delivered.").ProducesProblem(404);
        hooks.MapPut("/{id:guid}", Replace).WithSummary("Change a subscription's URL or filter; the secret and checkpoint stay.")
            .ProducesValidationProblem().ProducesProblem(404);
        hooks.MapDelete("/{id:guid}", Delete).WithSummary("Delete a subscription and its delivery log.").ProducesProblem(404);
        hooks.MapGet("/{id:guid}/deliveries", Deliveries).WithSummary("The delivery log, newest attempt first, paged.").ProducesProblem(404);
        return app;
    }

    private static async Task<Created<CreatedWebhook>> Create(
        SubscribeWebhook command, IDocumentSession session, Actor actor, TimeProvider clock, HttpContext http)
    {
        actor.EnsureRole(Roles.Cso, Roles.Admin);
        var (url, filter) = await Validated(command, session, http, http.RequestAborted);
        var now = clock.GetUtcNow();
        var start = await session.DocumentStore.Storage.Database.FetchHighestEventSequenceNumber(http.RequestAborted);
        var hook = new WebhookSubscription(Guid.NewGuid(), url.ToString(), WebhookSubscription.NewSecret(), filter.Member, filter.Commitment,
            [.. filter.Types!], actor.Id, now, now, start);
        var checkpoint = new WebhookCheckpoint(hook.Id, start, 0, now);
        session.Store(hook);
        session.Store(checkpoint);
        await session.SaveChangesAsync(http.RequestAborted);
        var shown = WebhookResponse.From(hook, checkpoint);
        return TypedResults.Created($"/api/webhooks/{hook.Id}", new CreatedWebhook(shown.Id, shown.Url, shown.Member, shown.Commitment,
            shown.EventTypes, shown.Owner, shown.CreatedAt, shown.UpdatedAt, shown.DeliveredThrough, hook.Secret));
    }

    private static async Task<Ok<WebhookResponse[]>> List(IQuerySession session, Actor actor, HttpContext http)
    {
        var query = session.Query<WebhookSubscription>().AsQueryable();
        if (!actor.IsAdmin) query = query.Where(s => s.Owner == actor.Id);
        var hooks = await query.OrderBy(s => s.CreatedAt).ToListAsync(http.RequestAborted);
        var checkpoints = await session.LoadManyAsync<WebhookCheckpoint>(http.RequestAborted, hooks.Select(h => h.Id).ToArray());
        return TypedResults.Ok(hooks.Select(h => WebhookResponse.From(h, checkpoints.FirstOrDefault(c => c.Id == h.Id))).ToArray());
    }

    private static async Task<Ok<WebhookResponse>> Get(Guid id, IQuerySession session, Actor actor, HttpContext http)
    {
        var hook = await Owned(session, id, actor, http.RequestAborted);
        return TypedResults.Ok(WebhookResponse.From(hook, await session.LoadAsync<WebhookCheckpoint>(id, http.RequestAborted)));
    }

    private static async Task<Ok<WebhookResponse>> Replace(
        Guid id, SubscribeWebhook command, IDocumentSession session, Actor actor, TimeProvider clock, HttpContext http)
    {
        var hook = await Owned(session, id, actor, http.RequestAborted);
        var (url, filter) = await Validated(command, session, http, http.RequestAborted);
        hook = hook with { Url = url.ToString(), Member = filter.Member, Commitment = filter.Commitment, EventTypes = [.. filter.Types!], UpdatedAt = clock.GetUtcNow() };
        session.Store(hook);
        await session.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(WebhookResponse.From(hook, await session.LoadAsync<WebhookCheckpoint>(id, http.RequestAborted)));
    }

    private static async Task<NoContent> Delete(Guid id, IDocumentSession session, Actor actor, HttpContext http)
    {
        await Owned(session, id, actor, http.RequestAborted);
        session.Delete<WebhookSubscription>(id);
        session.Delete<WebhookCheckpoint>(id);
        session.DeleteWhere<WebhookDelivery>(d => d.SubscriptionId == id);
        await session.SaveChangesAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Page<WebhookDelivery>>> Deliveries(Guid id, int? page, int? pageSize, IQuerySession session, Actor actor, HttpContext http)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        errors.ThrowIfAny();
        await Owned(session, id, actor, http.RequestAborted);
        var query = session.Query<WebhookDelivery>().Where(d => d.SubscriptionId == id).Stats(out var stats)
            .OrderByDescending(d => d.Sequence).ThenByDescending(d => d.Attempt);
        return TypedResults.Ok(await query.ToPageAsync(stats, paging, d => d, http.RequestAborted));
    }

    /// <summary>Someone else's subscription is as good as missing: ids of other subscribers are not confirmed.</summary>
    private static async Task<WebhookSubscription> Owned(IQuerySession session, Guid id, Actor actor, CancellationToken ct)
    {
        var hook = await session.LoadAsync<WebhookSubscription>(id, ct);
        return hook is not null && (actor.IsAdmin || hook.Owner == actor.Id) ? hook : throw new ResourceNotFound("Webhook subscription", id.ToString());
    }

    private static async Task<(Uri, ChangeFilter)> Validated(SubscribeWebhook command, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var (url, filter) = command.Validate(DomainEvents.TypeNames, http.RequestServices.GetRequiredService<WebhookOptions>().AllowPrivateTargets);
        var errors = new FieldErrors();
        if (filter.Member is { } m && await session.LoadAsync<Member>(m, ct) is null) errors.Add("member", $"member '{m}' is not registered.");
        if (filter.Commitment is { } c && await session.LoadAsync<Commitment>(c, ct) is null) errors.Add("commitment", $"commitment '{c}' does not exist.");
        errors.ThrowIfAny();
        return (url, filter);
    }
}
