using System.Text.RegularExpressions;

namespace Portal.Domain.Catalog;

/// <summary>What a namespace's name, owning team and delete confirmation must be, with the message that says how to fix each.</summary>
public static partial class NamespaceNames
{
    /// <summary>The name becomes the rule file's name on every target, so it keeps to characters every file system and glob takes as they are.</summary>
    [GeneratedRegex("^[a-z0-9]([a-z0-9._-]{0,98}[a-z0-9])?$")]
    private static partial Regex Pattern();

    public const string NameRule =
        "A namespace name uses lower-case letters, digits, '.', '_' and '-', starts and ends with a letter or digit, at most 100 characters.";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>Null when <paramref name="name"/> (already trimmed) may name a namespace.</summary>
    public static FieldError? CheckName(string? name, string field = "name") =>
        string.IsNullOrWhiteSpace(name) ? new FieldError(field, "A namespace needs a name; it becomes the name of its rule file.")
        : IsValid(name) ? null
        : new FieldError(field, $"\"{name}\" is not a valid namespace name. {NameRule}");

    /// <summary>
    /// Every namespace is owned by a team: without one nobody but an Admin could change its rules, and a
    /// scoped publish could not say whose it is. Whether the team exists is the store's question.
    /// </summary>
    public static FieldError? CheckTeam(string? team, string field = "team") => string.IsNullOrWhiteSpace(team)
        ? new FieldError(field, "Say which team owns the namespace: its Editors change the rules, and it is published as that team's.")
        : null;

    /// <summary>A delete is carried out only when the caller typed the namespace's name exactly, as the dialog asks.</summary>
    public static FieldError? CheckDeleteConfirmation(string name, string? typed) =>
        string.IsNullOrEmpty(typed) ? new FieldError("confirm", $"Type the namespace's name ({name}) to confirm deleting it.")
        : typed == name ? null
        : new FieldError("confirm", $"\"{typed}\" is not the namespace's name; type {name} exactly to delete it.");
}
