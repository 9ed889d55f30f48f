using CommitmentTracker.Api.Tests.Features.Documents;
using CommitmentTracker.Features.Webhooks;
using CommitmentTracker.Infrastructure.Auth;
using GraphQL.Types;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Routing;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>
/// The JWT host, without the worker: subscriptions made here point at example.org, and the dispatcher's failed
/// deliveries would change the store between a request and its footprint.
/// </summary>
public sealed class AuthorizationMatrixApi : JwtApi
{
    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string>(base.Settings) { ["Worker:Enabled"] = "false" };
}
