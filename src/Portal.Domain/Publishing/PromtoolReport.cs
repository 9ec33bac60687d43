using System.Text.RegularExpressions;

namespace Portal.Domain.Publishing;

/// <summary>
/// Reads what <c>promtool check rules a.yml b.yml ...</c> writes to standard error: each failing file
/// gets a "FAILED:" line and then one line per error, prefixed by the file's name as given.
/// </summary>
public static partial class PromtoolReport
{
    public static IReadOnlyList<PromtoolError> Parse(string stderr, IEnumerable<string> files)
    {
        // Longest names first, so "a.yml" cannot claim the errors of "team-a.yml".
        var names = files.OrderByDescending(f => f.Length).ToList();
        var errors = new List<PromtoolError>();
        foreach (var line in stderr.Split('\n'))
        {
            var file = names.FirstOrDefault(f => line.StartsWith(f + ": ", StringComparison.Ordinal));
            if (file is null)
            {
                continue;
            }

            var message = line[(file.Length + 2)..].TrimEnd('\r');
            var position = PositionPattern().Match(message);
            var rule = RulePattern().Match(message);
            errors.Add(new PromtoolError(
                file,
                message,
                position.Success ? int.Parse(position.Groups[1].Value) : null,
                position.Success ? int.Parse(position.Groups[2].Value) : null,
                rule.Success ? rule.Groups[1].Value : null,
                rule.Success ? int.Parse(rule.Groups[2].Value) : null,
                rule.Success ? rule.Groups[3].Value : null));
        }

        return errors;
    }

    [GeneratedRegex(@"\A(\d+):(\d+): ")]
    private static partial Regex PositionPattern();

    [GeneratedRegex(@"group ""((?:[^""\\]|\\.)*)"", rule (\d+), ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex RulePattern();
}
