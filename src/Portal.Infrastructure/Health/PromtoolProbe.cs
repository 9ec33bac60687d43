using System.Diagnostics;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Publishing;

namespace Portal.Infrastructure.Health;

/// <summary>
/// Finds the configured promtool and asks its version once: the binary does not change while the portal runs, so a
/// found one is remembered for good; a missing one is looked for again after a minute (someone may be installing it).
/// </summary>
internal sealed class PromtoolProbe(IOptions<PublishingOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan RunFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryMissingAfter = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (PromtoolStatus Status, DateTimeOffset At)? _last;

    public async Task<PromtoolStatus> GetAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_last is { } last && (last.Status.Found || clock.GetUtcNow() - last.At < RetryMissingAfter))
            {
                return last.Status;
            }

            var status = await ProbeAsync(options.Value.Promtool, ct);
            _last = (status, clock.GetUtcNow());
            return status;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static async Task<PromtoolStatus> ProbeAsync(string configured, CancellationToken ct)
    {
        if (Resolve(configured) is not { } path)
        {
            return new PromtoolStatus(configured, null, null,
                $"{configured} was not found{(Path.IsPathRooted(configured) ? "" : " on the PATH")}; set Publishing:Promtool to its path.");
        }

        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add("--version");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RunFor);
        Process? process = null;
        try
        {
            process = Process.Start(start);
            if (process is null)
            {
                return new PromtoolStatus(configured, path, null, $"{path} did not start.");
            }

            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            // promtool prints "promtool, version 2.42.0 (branch: ..., revision: ...)" first; older builds print it on stderr.
            var text = (await stdout) + "\n" + (await stderr);
            var version = Version(text);
            return process.ExitCode == 0 && version is not null
                ? new PromtoolStatus(configured, path, version, null)
                : new PromtoolStatus(configured, path, version, $"{path} --version exited with {process.ExitCode} without a version.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new PromtoolStatus(configured, path, null, $"{path} --version did not finish within {RunFor.TotalSeconds:0} s.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new PromtoolStatus(configured, path, null, $"{path} could not be run: {e.Message}");
        }
        finally
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
            }

            process?.Dispose();
        }
    }

    /// <summary>The version word of promtool's first line ("promtool, version 2.42.0 (...)"), or null.</summary>
    internal static string? Version(string output)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, @"version\s+([0-9][0-9A-Za-z.+~-]*)");
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>An absolute path as it is (when it exists), a bare name looked up on the PATH as a shell would.</summary>
    internal static string? Resolve(string configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        if (Path.IsPathRooted(configured) || configured.Contains(Path.DirectorySeparatorChar))
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, configured))
            .FirstOrDefault(File.Exists);
    }
}
