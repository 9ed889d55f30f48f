using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Primitives;

namespace CommitmentTracker.Infrastructure.Http;

/// <summary>
/// Query strings are held to the same rules as bodies: an unknown parameter is a 400 that names it (as an unknown body
/// field is), and an enum value must be one of its names in any case, never a number (ASP.NET's binding would take
/// <c>?kind=1</c> and refuse <c>?kind=national</c>). The parameters an operation takes are the ones the OpenAPI document
/// declares, read from the same API explorer; <c>lang</c> is taken everywhere. Only /api and /graphql: site pages keep
/// their own rules.
/// </summary>
public sealed class QueryContract(IApiDescriptionGroupCollectionProvider explorer)
{
    private static readonly string[] Everywhere = ["lang"];

    private sealed record Declared(HashSet<string> Names, Dictionary<string, Type> Enums);

    private readonly Lazy<Dictionary<(MethodInfo, string), Declared>> byHandler = new(() => Build(explorer));

    public async Task Invoke(HttpContext http, RequestDelegate next)
    {
        var handler = http.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>();
        var api = http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/graphql");
        if (!api || handler is null || !byHandler.Value.TryGetValue((handler, http.Request.Method), out var declared) || http.Request.Query.Count == 0)
        {
            await next(http);
            return;
        }
        var errors = new FieldErrors();
        var rewritten = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        var changed = false;
        foreach (var (name, values) in http.Request.Query)
        {
            if (!declared.Names.Contains(name))
            {
                errors.Add(name, $"is not a parameter of this operation; it takes {(declared.Names.Count == 0 ? "none" : string.Join(", ", declared.Names.Order(StringComparer.Ordinal)))}.");
                continue;
            }
            if (!declared.Enums.TryGetValue(name, out var type)) { rewritten[name] = values; continue; }
            var names = new List<string?>();
            foreach (var value in values)
            {
                var canonical = string.IsNullOrEmpty(value) ? value : EnumNames.Canonical(type, value);
                if (canonical is null) errors.Add(name, $"'{Trim(value)}' is not a value; {EnumNames.MustBeOneOf(type)}");
                changed |= canonical != value;
                names.Add(canonical);
            }
            rewritten[name] = new StringValues([.. names]);
        }
        errors.ThrowIfAny();
        if (changed) http.Request.Query = new QueryCollection(rewritten);
        await next(http);
    }

    private static string Trim(string? value) => value is { Length: > 50 } ? value[..50] + "…" : value ?? "";

    private static Dictionary<(MethodInfo, string), Declared> Build(IApiDescriptionGroupCollectionProvider explorer)
    {
        var map = new Dictionary<(MethodInfo, string), Declared>();
        foreach (var api in explorer.ApiDescriptionGroups.Items.SelectMany(g => g.Items))
        {
            var handler = api.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault();
            if (handler is null || api.HttpMethod is null) continue;
            var query = api.ParameterDescriptions.Where(p => p.Source == BindingSource.Query).ToList();
            var names = new HashSet<string>(query.Select(p => p.Name).Concat(Everywhere), StringComparer.OrdinalIgnoreCase);
            var enums = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in query)
                if (EnumNames.Of(p.Type ?? typeof(string)) is { } e) enums[p.Name] = e;
            map[(handler, api.HttpMethod)] = new Declared(names, enums);
        }
        return map;
    }
}
