using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CommitmentTracker.Infrastructure.Http;

/// <summary>
/// Says how to fix a value the serializer or the query binder could not read, by the type it wanted: the format of a
/// date, "a JSON number", an enum's names. System.Text.Json and ASP.NET name CLR types; a client needs the rule.
/// </summary>
public static partial class BindingErrors
{
    public const string Body = "is required: send the JSON object this operation takes, with Content-Type: application/json.";
    public const string Date = "must be a date as yyyy-MM-dd, like 2025-06-30.";

    /// <summary>The field and the fix for a body the serializer refused.</summary>
    public static (string Field, string Message) Json(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        if (json is NulCharacters.Refused) return (field, json.Message);
        if (UnknownMember().Match(json.Message) is { Success: true } unknown)
        {
            var name = unknown.Groups["name"].Value;
            return (field.EndsWith(name, StringComparison.Ordinal) ? field : (field == "body" ? "" : field + ".") + name, "is not a known field.");
        }
        if (Converted().Match(json.Message) is { Success: true } converted)
            return (field, ForClrType(converted.Groups["type"].Value, field));
        return (field, "is not valid JSON here.");
    }

    /// <summary>The fix for a query or route value ASP.NET could not bind, from its words for the type ("DateOnly?", "int").</summary>
    public static string ForQueryType(string type, string value)
    {
        var t = Regex.Replace(type, @"^Nullable<(.+)>$|\?$", "$1");
        var what = t switch
        {
            "DateOnly" => Date,
            "int" or "long" or "short" or "Int32" or "Int64" => "must be a whole number, like 2.",
            "decimal" or "double" or "float" => "must be a number, like 2.5.",
            "bool" or "Boolean" => "must be true or false.",
            _ => EnumType(t) is { } e ? EnumNames.MustBeOneOf(e) : "is not a valid value.",
        };
        return $"'{(value.Length > 50 ? value[..50] + "…" : value)}' is not a value; {what}";
    }

    /// <summary>
    /// The serializer names the type it wanted, or, for a record read through its constructor, the record: then the
    /// path's last property (and element, for "[0]") is the value's type.
    /// </summary>
    private static string ForClrType(string clrName, string path)
    {
        var type = Resolve(clrName);
        if (type is { IsEnum: false, IsClass: true } record && record.Assembly == typeof(BindingErrors).Assembly
            && PathEnd().Match(path) is { Success: true } end
            && record.GetProperty(end.Groups["name"].Value, BindingFlags.IgnoreCase | BindingFlags.Public | BindingFlags.Instance) is { } property)
            type = end.Groups["index"].Success ? ElementOf(property.PropertyType) ?? property.PropertyType : property.PropertyType;
        if (type is null)
            return clrName.Contains("List`1", StringComparison.Ordinal) || clrName.EndsWith("[]", StringComparison.Ordinal) ? "must be a JSON array." : "is not valid here.";
        return Describe(type);
    }

    private static string Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum) return EnumNames.MustBeOneOf(t);
        if (t == typeof(DateOnly)) return Date;
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return "must be a date and time as yyyy-MM-ddTHH:mm:ssZ, like 2025-06-30T12:00:00Z.";
        if (t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte)) return "must be a JSON number, a whole one, like 60.";
        if (t == typeof(decimal) || t == typeof(double) || t == typeof(float)) return "must be a JSON number, like 2.5.";
        if (t == typeof(bool)) return "must be true or false (a JSON boolean).";
        if (t == typeof(string)) return "must be a JSON string.";
        if (t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
            return "must be a JSON object, like {\"en\": \"text\"}.";
        if (ElementOf(t) is { } element) return $"must be a JSON array{(EnumNames.Of(element) is { } e ? $" of names; each {EnumNames.MustBeOneOf(e)}" : ".")}";
        return "must be a JSON object.";
    }

    private static Type? ElementOf(Type type) => type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static Type? Resolve(string name)
    {
        if (NullableOf().Match(name) is { Success: true } m) return Resolve(m.Groups["inner"].Value) is { IsValueType: true } inner ? typeof(Nullable<>).MakeGenericType(inner) : null;
        return typeof(BindingErrors).Assembly.GetType(name) ?? Type.GetType(name);
    }

    private static Type? EnumType(string name)
    {
        var assembly = typeof(BindingErrors).Assembly;
        var type = assembly.GetType(name) ?? assembly.GetTypes().FirstOrDefault(t => t.IsEnum && t.Name == name);
        return type is { IsEnum: true } ? type : null;
    }

    [GeneratedRegex(@"(?<name>\w+)(?<index>\[\d+\])?$")]
    private static partial Regex PathEnd();

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\. Path:")]
    private static partial Regex Converted();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>.+)\]$")]
    private static partial Regex NullableOf();

    [GeneratedRegex(@"'(?<name>[^']+)' could not be mapped")]
    private static partial Regex UnknownMember();
}
