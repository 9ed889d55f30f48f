using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Infrastructure.Auth;

/// <summary>
/// The session cookie of the site's workspace. It authenticates site pages and forms only (never <c>/api</c>, see
/// <see cref="AuthSetup"/>), is HttpOnly, SameSite=Lax and Secure over HTTPS, and slides within an absolute limit.
/// Every request checks the server-side <see cref="WorkspaceSession"/> and, for a key session, the key.
/// </summary>
public static class WorkspaceCookie
{
    public const string Scheme = "Workspace";
    public const string Name = "ct_session";

    public static void Configure(CookieAuthenticationOptions o, SessionOptions session, TimeProvider clock)
    {
        o.Cookie.Name = Name;
        o.Cookie.Path = "/";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = session.Idle;
        o.SlidingExpiration = true;
        o.TimeProvider = clock;
        o.LoginPath = "/signin";
        o.LogoutPath = "/signout";
        o.ReturnUrlParameter = "returnUrl";
        o.Events = new CookieAuthenticationEvents
        {
            OnSigningIn = Open,
            OnValidatePrincipal = Check,
            // A form someone may not use is a 403 problem, not a detour to the sign-in page.
            OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; },
        };
    }

    private static async Task Open(CookieSigningInContext context)
    {
        var services = context.HttpContext.RequestServices;
        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        var record = new WorkspaceSession(ApiKey.NewSecret(), identity.FindFirst(ClaimTypes.NameIdentifier)!.Value,
            identity.FindFirst(WorkspaceSession.KeyClaim)?.Value, services.GetRequiredService<TimeProvider>().GetUtcNow());
        identity.AddClaim(new Claim(WorkspaceSession.Claim, record.Id));
        await using var session = services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Store(record);
        await session.SaveChangesAsync(context.HttpContext.RequestAborted);
    }

    private static async Task Check(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var id = context.Principal?.FindFirstValue(WorkspaceSession.Claim);
        var keyHash = context.Principal?.FindFirstValue(WorkspaceSession.KeyClaim);
        if (id is null) { await End(context); return; }

        await using var query = services.GetRequiredService<IDocumentStore>().QuerySession();
        var batch = query.CreateBatchQuery();
        var record = batch.Load<WorkspaceSession>(id);
        var key = keyHash is null ? null : batch.Load<ApiKey>(keyHash);
        await batch.Execute(context.HttpContext.RequestAborted);

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var limit = services.GetRequiredService<IOptions<SessionOptions>>().Value.Absolute;
        var alive = await record is { EndedAt: null } r && now - r.SignedInAt < limit
                    && (key is null || await key is { RevokedAt: null });
        if (!alive) await End(context);
    }

    private static async Task End(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    /// <summary>Sign-out: the session is ended server-side, so a copy of the cookie is worthless too.</summary>
    public static async Task SignOut(HttpContext http)
    {
        if (http.User.FindFirstValue(WorkspaceSession.Claim) is { } id)
        {
            await using var session = http.RequestServices.GetRequiredService<IDocumentStore>().LightweightSession();
            var record = await session.LoadAsync<WorkspaceSession>(id, http.RequestAborted);
            if (record is { EndedAt: null })
            {
                session.Store(record with { EndedAt = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() });
                await session.SaveChangesAsync(http.RequestAborted);
            }
        }
        await http.SignOutAsync(Scheme);
    }
}
