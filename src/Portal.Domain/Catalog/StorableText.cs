using Portal.Domain.PromQl;

namespace Portal.Domain.Catalog;

/// <summary>
/// Text PostgreSQL can store: its text types refuse U+0000, and a UTF-16 surrogate without its partner has no
/// UTF-8 form (Npgsql cannot send it). Every field that reaches the database is checked here first.
/// </summary>
public static class StorableText
{
    /// <summary>The index of the first character that cannot be stored, or -1 when all of it can.</summary>
    public static int Find(string? value) => Find(value, nul: true);

    /// <summary>The index of the first surrogate without its partner (no UTF-8 form), or -1.</summary>
    internal static int FindLoneSurrogate(string? value) => Find(value, nul: false);

    private static int Find(string? value, bool nul)
    {
        if (value is null)
        {
            return -1;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if ((nul && c == '\0') || char.IsLowSurrogate(c))
            {
                return i;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return i;
                }

                i++;
            }
        }

        return -1;
    }

    public static bool IsStorable(string? value) => Find(value) < 0;

    /// <summary>The same text with every character that cannot be stored replaced by U+FFFD, for logs and the audit.</summary>
    public static string Replace(string value)
    {
        var index = Find(value);
        if (index < 0)
        {
            return value;
        }

        var chars = value.ToCharArray();
        for (; index >= 0 && index < chars.Length; index++)
        {
            var c = chars[index];
            if (char.IsHighSurrogate(c) && index + 1 < chars.Length && char.IsLowSurrogate(chars[index + 1]))
            {
                index++;
            }
            else if (c == '\0' || char.IsSurrogate(c))
            {
                chars[index] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    /// <summary>The refusal for <paramref name="field"/>, with the line:column of the first bad character; null when it can be stored.</summary>
    public static FieldError? Check(string field, string? value)
    {
        var index = Find(value);
        return index < 0 ? null : new FieldError(field, Describe(value![index]) + " cannot be stored; remove it.", Position.At(value, index));
    }

    /// <summary>Every field of a rule that reaches the database; a label or annotation is named by its key.</summary>
    public static IReadOnlyList<FieldError> Check(RuleContent content)
    {
        var fields = new List<(string, string?)> { ("name", content.Name), ("expr", content.Expression) };
        foreach (var (kind, map) in new[] { ("labels", content.Labels), ("annotations", content.Annotations) })
        {
            foreach (var (key, value) in map)
            {
                fields.Add(IsStorable(key) ? ($"{kind}.{key}", value) : (kind, key));
            }
        }

        return Check(fields);
    }

    public static IReadOnlyList<FieldError> Check(IEnumerable<(string Field, string? Value)> fields) =>
        fields.Select(f => Check(f.Field, f.Value)).OfType<FieldError>().ToList();

    private static string Describe(char c) => c == '\0'
        ? "A NUL character (U+0000)"
        : $"A lone UTF-16 surrogate (U+{(int)c:X4}, half of a character)";
}
