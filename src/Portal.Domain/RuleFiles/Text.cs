namespace Portal.Domain.RuleFiles;

/// <summary>Guards shared by the rule model's constructors.</summary>
internal static class Text
{
    /// <summary>
    /// A lone UTF-16 surrogate has no UTF-8 form, so no rule file (and no Prometheus label) can carry it;
    /// refusing it here keeps every model renderable.
    /// </summary>
    public static string RequireWellFormed(string? value, string what)
    {
        ArgumentNullException.ThrowIfNull(value, what);
        if (!IsWellFormed(value))
        {
            throw new ArgumentException($"The {what} contains a lone UTF-16 surrogate, which cannot be written as UTF-8.", what);
        }

        return value;
    }

    public static string RequireNonEmpty(string? value, string what)
    {
        RequireWellFormed(value, what);
        if (value!.Length == 0)
        {
            throw new ArgumentException($"The {what} must not be empty.", what);
        }

        return value;
    }

    public static bool IsWellFormed(string value) => Catalog.StorableText.FindLoneSurrogate(value) < 0;
}
