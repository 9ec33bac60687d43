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
}
