using System.Collections.Concurrent;
using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Publishing;

/// <summary>
/// Release files parsed once: a file's content never changes under its checksum, and a publish reads the
/// same files for the diff, the namespace counts and the verification (and the next publish again).
/// One per process (a singleton), shared by the publisher, the deployer and the release store.
/// </summary>
internal sealed class ParsedFiles
{
    private const int Capacity = 2_000;
    private readonly ConcurrentDictionary<string, RuleFile> _cache = new(StringComparer.Ordinal);

    /// <summary>A file just rendered from <paramref name="parsed"/>: rendering and parsing round-trip, so no need to parse it.</summary>
    public ReleaseFile Remember(ReleaseFile file, RuleFile parsed)
    {
        _cache.TryAdd(file.Checksum, parsed);
        return file;
    }

    public RuleFile Of(ReleaseFile file)
    {
        if (_cache.TryGetValue(file.Checksum, out var parsed))
        {
            return parsed;
        }

        if (_cache.Count >= Capacity)
        {
            _cache.Clear();
        }

        return _cache[file.Checksum] = RuleFileParser.Parse(file.Content).File;
    }
}
