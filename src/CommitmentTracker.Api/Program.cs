using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.ApiKeys;
using CommitmentTracker.Features.Health;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.GraphQL;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
using CommitmentTracker.Infrastructure.OpenApi;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpConventions();
builder.Services.AddEventStore();
builder.Services.AddApiKeyAuth();
builder.Services.AddOpenApiDocs();
builder.Services.AddGraphQLApi();

var app = builder.Build();
app.UseHttpConventions();
app.UseAuthentication();
app.UseAuthorization();
app.UseOpenApiDocs();
app.MapMembers();
app.MapActionPlans();
app.MapApiKeys();
app.MapGraphQLEndpoint();
app.MapHealth();
app.Run();
