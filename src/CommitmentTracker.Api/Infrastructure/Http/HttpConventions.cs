using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace CommitmentTracker.Infrastructure.Http;

public static class HttpConventions
{
    /// <summary>JSON, problem details and the one exception-to-problem mapping.</summary>
    public static IServiceCollection AddHttpConventions(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        // Malformed JSON must reach ProblemExceptionHandler, so it can name the field instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemHints.Apply);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddHttpContextAccessor();
        services.AddSingleton<QueryContract>();
        services.AddSingleton<HttpCaching>();
        services.AddCorsRules();
        return services;
    }

    public static void Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        // An unknown field is a client bug worth telling about, not something to drop silently.
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // A number is a JSON number: "50" for a percent is a wrong type, not a number in disguise.
        o.NumberHandling = JsonNumberHandling.Strict;
        o.Converters.Add(new NulCharacters.RefusingConverter());
    }

    public static WebApplication UseHttpConventions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(); // empty 401/403/404/405 bodies become problem details too
        app.UseCors(); // the rules are CorsRules; a preflight is answered here
        app.Use(NulCharacters.RefuseInQuery);
        app.Use((http, next) => http.RequestServices.GetRequiredService<QueryContract>().Invoke(http, next));
        app.Use((http, next) => http.RequestServices.GetRequiredService<HttpCaching>().Invoke(http, next));
        return app;
    }
}
