using System.Runtime.InteropServices;
using System.Text;

namespace Portal.Infrastructure.Publishing;

/// <summary>
/// Writes a file where Prometheus reads so that it sees either the old content or the new, never a
/// part: the bytes go to a temporary name its `*.yml` glob cannot match, are flushed to disk, the
/// name is swapped in with one rename, and the directory entry itself is flushed.
/// </summary>
public static class AtomicFile
{
    /// <summary>Temporary files start with a dot and end in ".tmp", so neither `*.yml` nor a person's `ls` mistakes them.</summary>
    public static string TemporaryName(string fileName) => $".{fileName}.{Guid.NewGuid():N}.tmp";

    /// <param name="beforeRename">Called between flushing the temporary file and the rename; tests use it to die at the worst moment.</param>
    public static Task WriteAsync(string directory, string fileName, string content, CancellationToken ct, Action<string>? beforeRename = null) =>
        WriteAsync(directory, fileName, content, syncDirectory: true, beforeRename, ct);

    /// <summary>
    /// Writes several files of one directory at once, each atomically, and flushes the directory once at
    /// the end instead of after every rename: a release's files go in together.
    /// </summary>
    public static async Task WriteAllAsync(string directory, IReadOnlyList<(string FileName, string Content)> files, CancellationToken ct, Action<string>? beforeRename = null)
    {
        try
        {
            await Task.WhenAll(files.Select(f => WriteAsync(directory, f.FileName, f.Content, syncDirectory: false, beforeRename, ct)));
        }
        finally
        {
            // Whatever was renamed in, even if another file failed, is made to survive a crash.
            SyncDirectory(directory);
        }
    }

    private static async Task WriteAsync(string directory, string fileName, string content, bool syncDirectory, Action<string>? beforeRename, CancellationToken ct)
    {
        if (fileName.Contains('/') || fileName.Contains('\\') || fileName.StartsWith('.'))
        {
            throw new ArgumentException($"\"{fileName}\" is not a plain file name.", nameof(fileName));
        }

        var target = Path.Combine(directory, fileName);
        var temporary = Path.Combine(directory, TemporaryName(fileName));
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(content), ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }

            beforeRename?.Invoke(temporary);
            File.Move(temporary, target, overwrite: true);
            if (syncDirectory)
            {
                SyncDirectory(directory);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public static void Delete(string directory, string fileName)
    {
        File.Delete(Path.Combine(directory, fileName));
        SyncDirectory(directory);
    }

    /// <summary>fsync on the directory makes the rename itself survive a crash (POSIX; a no-op elsewhere).</summary>
    private static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return;
        }

        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // The path is marshalled as UTF-8 by its own attribute, which is what CA2101 asks for; the rule does not see it.
#pragma warning disable CA2101
    [DllImport("libc", EntryPoint = "open")]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
#pragma warning restore CA2101

    [DllImport("libc", EntryPoint = "fsync")]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
