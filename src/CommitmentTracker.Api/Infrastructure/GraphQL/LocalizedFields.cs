using CommitmentTracker.Infrastructure.Localization;
using GraphQL;
using GraphQL.Types;

namespace CommitmentTracker.Infrastructure.GraphQL;

public sealed record Translation(string Lang, string Text);

public sealed class TranslationType : ObjectGraphType<Translation>
{
    public TranslationType()
    {
        Name = "Translation";
        Description = "One language version of a localized text.";
        Field(t => t.Lang).Description("BCP-47 language tag.");
        Field(t => t.Text);
    }
}

public static class LocalizedFields
{
    /// <summary>
    /// Adds <c>name(lang)</c>, resolved with the REST fallback, and (unless <paramref name="translations"/> is false)
    /// <c>nameTranslations</c>.
    /// </summary>
    public static void Localized<T>(this ObjectGraphType<T> type, string name, Func<T, Dictionary<string, string>?> text,
        Func<T, string?> defaultLanguage, bool translations = true)
    {
        type.Field<StringGraphType>(name)
            .Description("In the language asked for by `lang`, else the default language, else any.")
            .Argument<StringGraphType>("lang", "BCP-47 language tag, e.g. ka, hy, en.")
            .Resolve(ctx => LocalizedText.Resolve(text(ctx.Source), ctx.GetArgument<string?>("lang"), defaultLanguage(ctx.Source)));
        if (!translations) return;
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TranslationType>>>>(name + "Translations")
            .Resolve(ctx => (text(ctx.Source) ?? []).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Translation(t.Key, t.Value)));
    }
}
