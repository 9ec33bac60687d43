using System.Diagnostics;

namespace Portal.Tests.Integration.RuleFiles;

/// <summary>Runs <c>promtool check rules</c> (Prometheus 2.42 on these machines) as the oracle for rule files.</summary>
internal static class Promtool
{
    public sealed record Outcome(int ExitCode, string Output)
    {
        public bool Passed => ExitCode == 0;
    }

    public static async Task<Outcome> CheckRulesAsync(params string[] files)
    {
        var start = new ProcessStartInfo(TestStack.Promtool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("rules");
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {TestStack.Promtool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The directory that holds Portal.sln; the seeds live beside it in ../shared/seeds.</summary>
    public static string SeedsDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
        return Path.GetFullPath(Path.Combine(root, "..", "shared", "seeds"));
    }
}
