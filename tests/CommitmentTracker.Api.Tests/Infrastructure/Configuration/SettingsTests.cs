using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;

namespace CommitmentTracker.Api.Tests.Infrastructure.Configuration;

/// <summary>Every setting is a property of an options class (<see cref="ISettings"/>), listed with its default in appsettings.json and checked at start.</summary>
public sealed partial class SettingsTests
{
    private static readonly string AppSettings = Path.Combine(Repo.Root, "src", "CommitmentTracker.Api", "appsettings.json");

    /// <summary>The framework's own keys in appsettings.json, which no options class of ours binds.</summary>
    private static readonly Regex FrameworkKeys = new("^(Logging:LogLevel:.+|AllowedHosts)$");

    private static readonly Type[] SettingsTypes = typeof(ISettings).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(ISettings))).ToArray();

    private static string SectionOf(Type type) => (string)type.GetProperty(nameof(ISettings.Section), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static IEnumerable<PropertyInfo> Bound(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic);

    private static IEnumerable<string> JsonKeys(JsonElement element, string prefix) => element.ValueKind == JsonValueKind.Object
        ? element.EnumerateObject().SelectMany(p => JsonKeys(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}:{p.Name}"))
        : [prefix];

    [Fact]
    public void Every_key_an_options_class_binds_is_in_appsettings_json_and_every_key_there_is_bound()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(AppSettings));
        var listed = JsonKeys(json.RootElement, "").Where(k => !FrameworkKeys.IsMatch(k)).ToHashSet();
        var bound = SettingsTypes.SelectMany(t => Bound(t).Select(p => $"{SectionOf(t)}:{p.Name}")).ToHashSet();

        Assert.True(SettingsTypes.Length >= 19, $"only {SettingsTypes.Length} options classes found");
        Assert.Empty(bound.Except(listed).Order()); // bound, but not listed with its default
        Assert.Empty(listed.Except(bound).Order()); // listed, but no options class binds it
    }

    [Fact]
    public void The_defaults_in_appsettings_json_are_the_options_classes_defaults()
    {
        var config = new ConfigurationBuilder().AddJsonFile(AppSettings).Build();
        foreach (var type in SettingsTypes)
        {
            var fromJson = config.GetSection(SectionOf(type)).Get(type) ?? Activator.CreateInstance(type)!;
            var fromCode = Activator.CreateInstance(type)!;
            foreach (var property in Bound(type))
            {
                var key = $"{SectionOf(type)}:{property.Name}";
                if (property.PropertyType.IsArray)
                {
                    // The binder appends configured items to a default array, so an array's default lives in appsettings.json only.
                    Assert.True(((IList)property.GetValue(fromCode)!).Count == 0, $"{key}: an array's default belongs in appsettings.json");
                    continue;
                }
                Assert.True(Equals(property.GetValue(fromCode), property.GetValue(fromJson)),
                    $"{key}: appsettings.json has {property.GetValue(fromJson) ?? "null"}, the class {property.GetValue(fromCode) ?? "null"}");
            }
        }
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "Webhooks:BatchSize", "0", "Webhooks:BatchSize" },
        { "Webhooks:RetryMaxDelay", "00:00:00.010", "Webhooks:RetryMaxDelay" },
        { "Worker:LeadershipPollSeconds", "-1", "Worker:LeadershipPollSeconds" },
        { "Marten:Schema", "ogp; drop", "Marten:Schema" },
        { "Auth:BootstrapAdminKey", "too-short", "Auth:BootstrapAdminKey" },
        { "Auth:Session:Idle", "00:00:00", "Auth:Session:Idle" },
        { "Auth:Oidc:Authority", "not a url", "Auth:Oidc:Authority" },
        { "Cors:WriteOrigins:0", "https://site.example/path", "Cors:WriteOrigins" },
        { "RateLimits:PerKeyPerMinute", "0", "RateLimits:PerKeyPerMinute" },
        { "Health:TimeoutSeconds", "many", "Health:TimeoutSeconds" }, // not a number: the binder names the key
        { "ChangeFeed:LiveGapTimeout", "-00:01:00", "ChangeFeed:LiveGapTimeout" },
        { "OpenTelemetry:OtlpProtocol", "udp", "OpenTelemetry:OtlpProtocol" },
        { "GraphQL:EnableIntrospection", "maybe", "GraphQL:EnableIntrospection" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_stops_the_service_with_a_message_naming_the_key(string key, string value, string named)
    {
        var failure = await StartFailure(new Dictionary<string, string> { [key] = value });
        Assert.Contains(named, failure);
    }

    [Fact]
    public async Task Several_bad_values_are_all_named_at_once()
    {
        var failure = await StartFailure(new Dictionary<string, string>
        {
            ["Webhooks:BatchSize"] = "0", ["Limits:MaxRequestBodyBytes"] = "0", ["Auth:Jwt:Authority"] = "ftp://idp.example",
        });
        Assert.True(failure.Contains("Limits:MaxRequestBodyBytes"), failure);
        Assert.Contains("Webhooks:BatchSize", failure);
        Assert.Contains("Auth:Jwt:Authority", failure);
    }

    [Fact]
    public void No_setting_is_read_outside_the_options_classes()
    {
        var src = Path.Combine(Repo.Root, "src", "CommitmentTracker.Api");
        var reads = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(l => ConfigRead().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(src, l.f)}:{l.i + 1}: {l.line.Trim()}").ToArray();
        Assert.Empty(reads);
    }

    // config["…"], GetValue("…"), GetConnectionString(…), GetSection("…"); the one exception is the OpenTelemetry SDK's own
    // standard variable, which the SDK binds itself (ObservabilitySetup only asks whether it is set).
    [GeneratedRegex(@"\b(config|configuration|Configuration)\s*\[|\bGetValue(<[^>]+>)?\(\s*""|\bGetConnectionString\(|\bGetSection\(""(?!OTEL_EXPORTER_OTLP_ENDPOINT"")")]
    private static partial Regex ConfigRead();

    /// <summary>
    /// The failure of a start with these settings. The test host runs Program's entry point on its own thread: when the
    /// start fails there, <c>app.Run</c> disposes the host, and WebApplicationFactory, racing it, can read the disposed
    /// host's services and report an ObjectDisposedException instead of the start's own error (seen once in CI, under the
    /// whole suite's load). That one says nothing about the settings, so such a start is tried again, at most twice.
    /// </summary>
    private static async Task<string> StartFailure(Dictionary<string, string> settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            var api = new SettingsApi(settings);
            try
            {
                var e = await Assert.ThrowsAnyAsync<Exception>(() => ((IAsyncLifetime)api).InitializeAsync());
                if (e is ObjectDisposedException && attempt < 3) continue;
                return e is AggregateException all ? string.Join(" | ", all.Flatten().InnerExceptions.Select(i => i.Message)) : e.ToString();
            }
            finally
            {
                await api.DisposeAsync();
            }
        }
    }
}
