using System.Collections.Concurrent;
using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Publishing;

/// <summary>
/// Release files parsed once: a file's content never changes under its checksum, and a publish reads the
/// same files for the diff, the namespace counts and the verification (and the next publish again).
/// </summary>
internal static class ParsedFiles
{
    private const int Capacity = 2_000;
    private static readonly ConcurrentDictionary<string, RuleFile> Cache = new(StringComparer.Ordinal);

    /// <summary>A file just rendered from <paramref name="parsed"/>: rendering and parsing round-trip, so no need to parse it.</summary>
    public static ReleaseFile Remember(ReleaseFile file, RuleFile parsed)
    {
        Cache.TryAdd(file.Checksum, parsed);
        return file;
    }

    public static RuleFile Of(ReleaseFile file)
    {
        if (Cache.TryGetValue(file.Checksum, out var parsed))
        {
            return parsed;
        }

        if (Cache.Count >= Capacity)
        {
            Cache.Clear();
        }

        return Cache[file.Checksum] = RuleFileParser.Parse(file.Content).File;
    }
}
