using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;

namespace CommitmentTracker.Infrastructure.GraphQL;

/// <summary>GraphQL-over-HTTP at /graphql: POST with JSON, GET with query parameters. No GraphQL.Server package is served here.</summary>
public static class GraphQLEndpoint
{
    private const string GraphQLResponse = "application/graphql-response+json";

    public static IEndpointRouteBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/graphql", [HttpMethods.Get, HttpMethods.Post], Handle).ExcludeFromDescription();
        app.MapGet("/graphql/schema.graphql", (ISchema schema) => Results.Text(Sdl(schema), "text/plain; charset=utf-8"))
            .WithTags("GraphQL").WithSummary("The GraphQL schema in SDL, as exported to schema/schema.graphql.");
        return app;
    }

    public static string Sdl(ISchema schema)
    {
        schema.Initialize();
        return schema.Print().Replace("\r\n", "\n").TrimEnd() + "\n";
    }

    private static async Task Handle(HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer)
    {
        GraphQLRequest? request;
        try
        {
            request = HttpMethods.IsGet(http.Request.Method) ? FromQueryString(http.Request.Query, serializer) : await FromBody(http.Request, serializer);
        }
        catch (Exception e) when (e is JsonException or GraphQLRequestError)
        {
            await WriteError(http, serializer, StatusCodes.Status400BadRequest, e is GraphQLRequestError ? e.Message : "The request body is not valid JSON.", "INVALID_REQUEST");
            return;
        }
        if (string.IsNullOrWhiteSpace(request?.Query))
        {
            await WriteError(http, serializer, StatusCodes.Status400BadRequest, "A GraphQL request needs a 'query'.", "INVALID_REQUEST");
            return;
        }

        var result = await executer.ExecuteAsync(o =>
        {
            o.Query = request.Query;
            o.OperationName = request.OperationName;
            o.Variables = request.Variables;
            o.Extensions = request.Extensions;
            o.RequestServices = http.RequestServices;
            o.User = http.User;
            o.CancellationToken = http.RequestAborted;
            if (HttpMethods.IsGet(http.Request.Method))
                o.ValidationRules = [.. o.ValidationRules ?? global::GraphQL.Validation.DocumentValidator.CoreRules, new GetQueriesOnlyRule()];
        });
        if (result.Errors?.Any(e => e.Code == GetQueriesOnlyRule.Code) == true)
        {
            http.Response.Headers.Allow = "POST";
            await WriteError(http, serializer, StatusCodes.Status405MethodNotAllowed, result.Errors.First(e => e.Code == GetQueriesOnlyRule.Code).Message, GetQueriesOnlyRule.Code);
            return;
        }
        // A document that never ran (syntax, validation or variable errors) is the client's mistake: 400, except for a
        // client that accepts only application/json, which GraphQL-over-HTTP answers 200 with the errors (the legacy
        // format has no other way to tell a GraphQL response from a proxy's error page).
        http.Response.StatusCode = result.Executed || AcceptsOnlyJson(http.Request) ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        http.Response.ContentType = ContentType(http.Request);
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    private static GraphQLRequest FromQueryString(IQueryCollection query, IGraphQLTextSerializer serializer) => new()
    {
        Query = query["query"].ToString(),
        OperationName = query["operationName"] is { Count: > 0 } op ? op.ToString() : null,
        Variables = query["variables"] is { Count: > 0 } v && !string.IsNullOrWhiteSpace(v) ? serializer.Deserialize<Inputs>(v.ToString()) : null,
    };

    private static async Task<GraphQLRequest?> FromBody(HttpRequest request, IGraphQLTextSerializer serializer)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
            throw new GraphQLRequestError("POST /graphql takes Content-Type: application/json.");
        return await serializer.ReadAsync<GraphQLRequest>(request.Body, request.HttpContext.RequestAborted);
    }

    private static bool AcceptsOnlyJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
               && !accept.Contains(GraphQLResponse, StringComparison.OrdinalIgnoreCase);
    }

    private static string ContentType(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains(GraphQLResponse, StringComparison.OrdinalIgnoreCase)
            ? GraphQLResponse + "; charset=utf-8"
            : "application/json; charset=utf-8";

    private static async Task WriteError(HttpContext http, IGraphQLTextSerializer serializer, int status, string message, string code)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType(http.Request);
        var error = new ExecutionError(message) { Code = code };
        await serializer.WriteAsync(http.Response.Body, new ExecutionResult { Errors = [error] }, http.RequestAborted);
    }

    private sealed class GraphQLRequestError(string message) : Exception(message);
}
