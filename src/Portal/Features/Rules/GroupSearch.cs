using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

/// <summary>
/// The rule editor's group search: every word typed must appear in the namespace, the group or the team, in
/// any order and case, so "pay redis" finds <c>payments-redis / payments-redis.availability</c> among hundreds.
/// </summary>
public static class GroupSearch
{
    public static IEnumerable<GroupChoice> Filter(IEnumerable<GroupChoice> choices, string? text)
    {
        var words = (text ?? "").Split([' ', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length == 0
            ? choices
            : choices.Where(c => words.All(w => c.Namespace.Contains(w, StringComparison.OrdinalIgnoreCase)
                || c.Group.Contains(w, StringComparison.OrdinalIgnoreCase) || c.Team.Contains(w, StringComparison.OrdinalIgnoreCase)));
    }
}
