namespace Portal.Infrastructure.Publishing;

/// <summary>
/// Whether a directory lies under one of the allowed roots, decided on real paths: <c>..</c> and every
/// symbolic link along the way are resolved first, so neither can lead a target out of its root.
/// </summary>
public static class TargetRoots
{
    private const int MaxLinks = 40;

    public static bool Allows(IEnumerable<string> roots, string directory)
    {
        if (RealPath(directory) is not { } real)
        {
            return false;
        }

        return roots.Select(RealPath).OfType<string>()
            .Any(root => real == root || real.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    /// <summary>The path with <c>..</c> and symbolic links resolved component by component; null when it cannot be (a loop, no access).</summary>
    public static string? RealPath(string path)
    {
        if (!Path.IsPathRooted(path))
        {
            return null;
        }

        try
        {
            // ".." is taken after the links before it are resolved, as the kernel does: a lexical
            // clean-up first would turn /root/link/../x into /root/x while it really is <link's parent>/x.
            var pending = Parts(path);
            var current = Path.GetPathRoot(path)!;
            var links = 0;
            while (pending.TryPop(out var part))
            {
                if (part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    current = Path.GetDirectoryName(current) ?? current;
                    continue;
                }

                var next = Path.Combine(current, part);
                if (new DirectoryInfo(next).LinkTarget is { } target)
                {
                    if (++links > MaxLinks)
                    {
                        return null;
                    }

                    // A relative target is read from the directory holding the link; its parts are walked in turn.
                    foreach (var step in Parts(target).Reverse())
                    {
                        pending.Push(step);
                    }

                    if (Path.IsPathRooted(target))
                    {
                        current = Path.GetPathRoot(target)!;
                    }

                    continue;
                }

                current = next;
            }

            return current;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The path's parts with the first on top.</summary>
    private static Stack<string> Parts(string path) =>
        new(path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
}
