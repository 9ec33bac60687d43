using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Portal.Domain.Runbooks;

namespace Portal.Features.Runbooks;

/// <summary>
/// Rendered runbooks by the SHA-256 of their body: the runbook page renders the same revision on every visit, and a
/// rendering is a pure function of the body. Bounded by entries and by the characters of the bodies held; when either
/// fills up the cache starts over, which costs one render per runbook read next.
/// </summary>
internal static class RunbookRenderCache
{
    internal const int MaxEntries = 64;
    internal const long MaxChars = 8L * 1024 * 1024;

    private static readonly ConcurrentDictionary<string, RenderedRunbook> Entries = new(StringComparer.Ordinal);
    private static long _chars;

    public static RenderedRunbook Render(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var key = Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(body.AsSpan())));
        if (Entries.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var rendered = RunbookMarkdown.Render(body);
        if (Entries.Count >= MaxEntries || Interlocked.Add(ref _chars, body.Length) > MaxChars)
        {
            Entries.Clear();
            Interlocked.Exchange(ref _chars, body.Length);
        }

        Entries[key] = rendered;
        return rendered;
    }
}
