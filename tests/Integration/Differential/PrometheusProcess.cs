using System.Diagnostics;
using System.Text;

namespace Portal.Tests.Integration.Differential;

/// <summary>
/// A Prometheus of the test's own with rule files written before it starts, so nothing it loads can
/// reach the shared test stack's rules directories. Stopped, by its own process, on dispose.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-parity-").FullName;
    private readonly StringBuilder _log = new();
    private Process? _process;

    public Uri Url { get; } = new($"http://127.0.0.1:{TestStack.FreeLoopbackPort()}/");

    /// <summary>Where the rule files go; written before <see cref="StartAsync"/>, they load at start.</summary>
    public string RulesDirectory => Directory.CreateDirectory(Path.Combine(_directory, "rules")).FullName;

    /// <summary>What the process printed so far, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The binary `./portal` installs; PORTAL_PROMETHEUS may name another.</summary>
    private static string Binary =>
        Environment.GetEnvironmentVariable("PORTAL_PROMETHEUS") is { Length: > 0 } path ? path : "prometheus";

    public async Task StartAsync()
    {
        var config = Path.Combine(_directory, "prometheus.yml");
        // An hour between evaluations: the rules only need to load, not to run over and over.
        await File.WriteAllTextAsync(config,
            $"global:\n  evaluation_interval: 1h\nrule_files:\n  - '{RulesDirectory}/*.yml'\n");
        _process = Process.Start(new ProcessStartInfo(Binary,
        [
            $"--config.file={config}",
            $"--web.listen-address={Url.Host}:{Url.Port}",
            $"--storage.tsdb.path={Path.Combine(_directory, "data")}",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"{Binary} did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var ready = await http.GetAsync("-/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"prometheus was not ready on {Url} within 30 s:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the test; the temp directory is cleared by the system.
        }
    }
}
