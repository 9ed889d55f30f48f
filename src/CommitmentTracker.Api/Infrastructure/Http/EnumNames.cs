namespace CommitmentTracker.Infrastructure.Http;

/// <summary>
/// The one rule for enum values, in bodies and queries alike: a value is one of the scale's names, in any letter case
/// ("national" is National); never a number.
/// </summary>
public static class EnumNames
{
    public static string MustBeOneOf(Type enumType) => $"must be one of {string.Join(", ", Enum.GetNames(enumType))}.";

    /// <summary>The canonical name for <paramref name="value"/>, or null when it is not a name of the scale.</summary>
    public static string? Canonical(Type enumType, string value) =>
        Enum.GetNames(enumType).FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The enum behind a parameter or property type: <c>T</c>, <c>T?</c>, <c>T[]</c> and lists of them.</summary>
    public static Type? Of(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum) return t;
        var element = t.IsArray ? t.GetElementType() : t.IsGenericType ? t.GetGenericArguments().FirstOrDefault() : null;
        return element is null || element == t ? null : Of(element);
    }
}
