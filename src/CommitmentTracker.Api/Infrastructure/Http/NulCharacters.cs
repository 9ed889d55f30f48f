using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommitmentTracker.Infrastructure.Http;

/// <summary>
/// PostgreSQL text and jsonb cannot hold U+0000, so a NUL anywhere in a request's strings is bad input (400 naming the
/// field), refused before it reaches a decider or a query, instead of failing in the database as a 500.
/// </summary>
public static class NulCharacters
{
    public const string Message = "must not contain NUL (U+0000) characters.";

    /// <summary>Reads JSON strings as usual, refusing any that holds a NUL.</summary>
    public sealed class RefusingConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.String) throw new JsonException(); // the serializer words it: "could not be converted"
            var value = reader.GetString()!;
            return value.Contains('\0') ? throw new Refused() : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>The serializer adds the JSON path, which becomes the field of the 400.</summary>
    public sealed class Refused() : JsonException(NulCharacters.Message);

    /// <summary>Refuses a query string value holding a NUL (REST filters, GraphQL over GET) before any handler runs.</summary>
    public static Task RefuseInQuery(HttpContext http, RequestDelegate next)
    {
        foreach (var (name, values) in http.Request.Query)
            if (values.Any(v => v?.Contains('\0') == true)) throw ValidationFailed.Field(name, Message);
        return next(http);
    }
}
