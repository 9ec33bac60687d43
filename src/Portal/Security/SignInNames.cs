using System.Globalization;
using System.Text;
using Portal.Domain.Catalog;

namespace Portal.Security;

/// <summary>
/// What the sign-in form may do with a typed user name before it knows whether any account has it: look it
/// up only when an account could have it, and write it to the audit log in a form the log can store.
/// </summary>
public static class SignInNames
{
    /// <summary>Identity's user-name column; no account has a longer name.</summary>
    public const int MaximumLength = 256;

    /// <summary>The audit log's actor column.</summary>
    public const int AuditActorLength = 200;

    /// <summary>
    /// Whether an account could have this name: not too long, and only characters PostgreSQL can store and
    /// compare (no NUL, no control characters, no half of a surrogate pair). Any other name is a failed sign-in
    /// without a database query.
    /// </summary>
    public static bool CouldExist(string name) =>
        name.Length is > 0 and <= MaximumLength && !name.Any(char.IsControl) && StorableText.IsStorable(name);

    /// <summary>
    /// The name as the audit log's actor: unstorable characters replaced by U+FFFD, and a name longer than
    /// the column cut with a marker saying how much is missing, so the row is written whatever was typed.
    /// </summary>
    public static string AuditActor(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "(empty)";
        }

        // Unstorable characters (NUL, half a surrogate pair) and the other control characters become U+FFFD.
        var clean = new StringBuilder(StorableText.Replace(name));
        for (var i = 0; i < clean.Length; i++)
        {
            if (char.IsControl(clean[i]))
            {
                clean[i] = '\uFFFD';
            }
        }

        if (clean.Length <= AuditActorLength)
        {
            return clean.ToString();
        }

        var marker = string.Create(CultureInfo.InvariantCulture, $"… ({name.Length} characters)");
        var keep = AuditActorLength - marker.Length;
        // Never cut a surrogate pair in half.
        if (char.IsHighSurrogate(clean[keep - 1]))
        {
            keep--;
        }

        return clean.ToString(0, keep) + marker;
    }
}
